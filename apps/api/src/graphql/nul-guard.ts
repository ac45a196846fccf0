import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, Kind, visit, type DocumentNode, type ValueNode } from 'graphql';
import { BadInputError } from '../errors/errors';
import { assertServableRequest } from './request-shape';

/**
 * PostgreSQL text can hold every character but U+0000, so no request can mean one, and one that
 * reached a query (a filter, a tag kind, an audit entity type) was a database error (found by
 * fuzzing). Variables are checked before execution, and so are string literals in the document when
 * its text has a unicode escape at all (`\u0000`, `\u{0}`); the refusal names the field holding it.
 * Services still refuse other control characters field by field, with their own messages.
 */
export const nulGuard: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document, operation }) {
        // First, before the walk below: it recurses, and must never meet thousands of levels.
        assertServableRequest(operation?.operation, request.variables);
        const field =
          nulAt(request.variables, '') ?? (request.query?.includes('\\u') ? nulInLiterals(document) : null);
        if (field !== null) {
          throw new BadInputError(field, `${field} contains a character that is not allowed.`, {
            http: { status: 400 },
          });
        }
      },
    };
  },
};

/** The name of the field (or variable) holding a string with U+0000, or null. */
function nulAt(value: unknown, name: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? name : null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = nulAt(item, name);
      if (found !== null) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) return key;
      const found = nulAt(item, key);
      if (found !== null) return found;
    }
  }
  return null;
}

/** The argument or input field whose literal value holds U+0000, or null. */
function nulInLiterals(document: DocumentNode): string | null {
  const holds = (value: ValueNode): boolean =>
    value.kind === Kind.STRING
      ? value.value.includes('\u0000')
      : value.kind === Kind.LIST
        ? value.values.some(holds)
        : false;
  let found: string | null = null;
  visit(document, {
    enter(node) {
      if ((node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) && holds(node.value)) {
        found = node.name.value;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}
