import { MigrationInterface, QueryRunner } from 'typeorm';

/** The redaction path's signature, as GRANT and REVOKE name it (infra/postgres/app-role.sql). */
const REDACT_AUDIT = 'redact_audit_snapshots(uuid, uuid, text, text, text, text[], text, text, jsonb)';

/**
 * Redaction (docs/security.md, "Redaction"; docs/decisions/0020-redaction.md): words taken out of
 * feedback, a response or an action update after the fact, everywhere the text is kept, including the
 * earlier audit snapshots of that one record.
 *
 * - `text_version` on feedback_response and action_update (their GraphQL `version`), so that a redaction
 *   of stale text is refused. Not plain `version`: queries joining them to feedback or action, which
 *   have a `version` of their own, would find the name ambiguous.
 * - `redaction_pattern`, `redact_text`, `redact_jsonb`: the one replacement both the rows and the audit
 *   snapshots use (case-insensitive, any run of white space inside a phrase, longest phrase first).
 * - `redact_audit_snapshots`: the only way to change an audit entry. SECURITY DEFINER (it runs with the
 *   owner's rights, so it works for the app role that may not UPDATE audit_entry), it replaces the given
 *   words in the snapshots (string values only) of one record of one partnership, and writes the
 *   redaction's own entry (who, why, how many snapshots; never the words) in the same call, so the path
 *   cannot be used without leaving that entry. Only the owner and roles granted EXECUTE may call it.
 * - The append-only trigger lets an UPDATE through only while that function has marked, for the current
 *   transaction, the one record whose snapshots it is rewriting, and only when nothing but `before`
 *   and `after` changes. DELETE and TRUNCATE stay refused.
 */
export class Redaction1796524508669 implements MigrationInterface {
  name = 'Redaction1796524508669';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "feedback_response" ADD "text_version" integer NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE "action_update" ADD "text_version" integer NOT NULL DEFAULT 1`);

    // Each word escaped for a regular expression, white space inside it matching any run of white space.
    await queryRunner.query(String.raw`
      CREATE FUNCTION redaction_pattern(words text[]) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      SET search_path = pg_catalog, pg_temp AS $$
        SELECT string_agg(
                 regexp_replace(regexp_replace(w, '([]$.^|?*+(){}[\\])', '\\\1', 'g'), '\s+', '\\s+', 'g'),
                 '|' ORDER BY length(w) DESC, w)
        FROM unnest(words) AS u(w)
        WHERE btrim(w) <> ''
      $$`);
    await queryRunner.query(String.raw`
      CREATE FUNCTION redact_text(t text, words text[]) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      SET search_path = pg_catalog, pg_temp AS $$
        SELECT CASE WHEN t IS NULL OR public.redaction_pattern(words) IS NULL THEN t
                    ELSE regexp_replace(t, public.redaction_pattern(words), '[redacted]', 'gi') END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION redact_jsonb(j jsonb, words text[]) RETURNS jsonb
      LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
      SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        CASE jsonb_typeof(j)
          WHEN 'string' THEN
            RETURN to_jsonb(public.redact_text(j #>> '{}', words));
          WHEN 'array' THEN
            RETURN coalesce((SELECT jsonb_agg(public.redact_jsonb(e, words) ORDER BY n)
                             FROM jsonb_array_elements(j) WITH ORDINALITY AS x(e, n)), '[]'::jsonb);
          WHEN 'object' THEN
            RETURN coalesce((SELECT jsonb_object_agg(k, public.redact_jsonb(v, words))
                             FROM jsonb_each(j) AS x(k, v)), '{}'::jsonb);
          ELSE
            RETURN j;
        END CASE;
      END
      $$`);

    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF current_setting('throughline.redacting', true)
               = OLD.partnership_id::text || '/' || OLD.entity_type || '/' || OLD.entity_id
             AND NEW.id = OLD.id
             AND NEW.partnership_id = OLD.partnership_id
             AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
             AND NEW.at = OLD.at
             AND NEW.operation = OLD.operation
             AND NEW.entity_type = OLD.entity_type
             AND NEW.entity_id = OLD.entity_id
             AND NEW.request_id IS NOT DISTINCT FROM OLD.request_id THEN
            RETURN NEW;
          END IF;
        END IF;
        RAISE EXCEPTION 'audit_entry is append-only' USING ERRCODE = 'insufficient_privilege';
      END
      $$`);

    await queryRunner.query(`
      CREATE FUNCTION ${REDACT_AUDIT.replace(
        /\(.*\)/,
        `(p_partnership uuid, p_actor uuid, p_operation text, p_entity_type text, p_entity_id text,
          p_words text[], p_reason text, p_request_id text, p_details jsonb)`,
      )} RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER
      SET search_path = pg_catalog, pg_temp AS $$
      DECLARE
        n integer;
      BEGIN
        IF p_entity_type IS NULL OR p_entity_type NOT IN ('Feedback', 'FeedbackResponse', 'ActionUpdate') THEN
          RAISE EXCEPTION 'only feedback, responses and action updates can be redacted'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF p_operation IS NULL OR p_operation NOT LIKE 'redact%' THEN
          RAISE EXCEPTION 'a redaction is recorded as a redact operation' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF p_partnership IS NULL OR p_entity_id IS NULL OR public.redaction_pattern(p_words) IS NULL THEN
          RAISE EXCEPTION 'a redaction needs a record and the words to take out' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF coalesce(btrim(p_reason), '') = '' THEN
          RAISE EXCEPTION 'a redaction needs a reason' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        -- The reason is kept for good: it must not hold the words (the API refuses it first, naming it).
        IF p_reason ~* public.redaction_pattern(p_words) THEN
          RAISE EXCEPTION 'the reason would keep the words it takes out' USING ERRCODE = 'invalid_parameter_value';
        END IF;

        PERFORM set_config('throughline.redacting', p_partnership::text || '/' || p_entity_type || '/' || p_entity_id, true);
        UPDATE public.audit_entry e
           SET before = public.redact_jsonb(e.before, p_words),
               after = public.redact_jsonb(e.after, p_words)
         WHERE e.partnership_id = p_partnership AND e.entity_type = p_entity_type AND e.entity_id = p_entity_id
           AND (e.before IS DISTINCT FROM public.redact_jsonb(e.before, p_words)
                OR e.after IS DISTINCT FROM public.redact_jsonb(e.after, p_words));
        GET DIAGNOSTICS n = ROW_COUNT;
        PERFORM set_config('throughline.redacting', '', true);

        INSERT INTO public.audit_entry
          (partnership_id, actor_id, operation, entity_type, entity_id, before, after, request_id)
        VALUES (p_partnership, p_actor, p_operation, p_entity_type, p_entity_id, NULL,
                jsonb_build_object('redaction', jsonb_build_object(
                  'reason', btrim(p_reason),
                  'marker', '[redacted]',
                  'wordCount', cardinality(p_words),
                  'snapshotsRedacted', n)) || coalesce(p_details, '{}'::jsonb),
                p_request_id);
        RETURN n;
      END
      $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION ${REDACT_AUDIT} FROM PUBLIC`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION ${REDACT_AUDIT}`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entry is append-only' USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`DROP FUNCTION redact_jsonb(jsonb, text[])`);
    await queryRunner.query(`DROP FUNCTION redact_text(text, text[])`);
    await queryRunner.query(`DROP FUNCTION redaction_pattern(text[])`);
    await queryRunner.query(`ALTER TABLE "action_update" DROP COLUMN "text_version"`);
    await queryRunner.query(`ALTER TABLE "feedback_response" DROP COLUMN "text_version"`);
  }
}
