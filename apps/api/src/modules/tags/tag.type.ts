import { Field, ID, ObjectType } from 'type-graphql';

/** A "kind:slug" label, e.g. ecological-level:community or theme:information-sharing. */
@ObjectType('Tag', { simpleResolvers: true })
export class TagType {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'e.g. "ecological-level", "strand", "theme", "area".' })
  kind: string;

  @Field(() => String)
  slug: string;

  @Field(() => String, { description: 'Human-readable name.' })
  label: string;

  // `ref` ("kind:slug", the form inputs use) is a field resolver in tag.resolver.ts, so that plain
  // TagEntity rows returned by any module get it too.
}
