import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795509380544 implements MigrationInterface {
  name = 'InitialSchema1795509380544';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "partnership" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_f1bf1be9f475497d8b396d4cc56" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "tag" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "slug" text NOT NULL,
                "label" text NOT NULL,
                CONSTRAINT "uq_tag_kind_slug" UNIQUE ("partnership_id", "kind", "slug"),
                CONSTRAINT "PK_8e4052373c579afc1471f526760" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "operational_group" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "name" text NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "version" integer NOT NULL DEFAULT '1',
                CONSTRAINT "uq_operational_group_name" UNIQUE ("partnership_id", "name"),
                CONSTRAINT "PK_873a9b216bb671093f7a9f1dc1d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "strategy" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "title" text NOT NULL,
                "vision" text NOT NULL DEFAULT '',
                "starts_on" date,
                "ends_on" date,
                "green_threshold" double precision NOT NULL DEFAULT '0.8',
                "amber_threshold" double precision NOT NULL DEFAULT '0.5',
                "update_cadence_days" integer NOT NULL DEFAULT '90',
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_733d2c3d4a73c020375b9b3581d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_99b0225afb246bab844e024265" ON "strategy" ("partnership_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "objective" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "strategy_id" uuid NOT NULL,
                "code" text NOT NULL,
                "title" text NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "position" integer NOT NULL DEFAULT '0',
                "version" integer NOT NULL DEFAULT '1',
                CONSTRAINT "uq_objective_code" UNIQUE ("strategy_id", "code"),
                CONSTRAINT "PK_1084365b2a588160b31361a252e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_1316164b99beb0d6bb6fd20014" ON "objective" ("strategy_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "outcome" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "objective_id" uuid NOT NULL,
                "title" text NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "position" integer NOT NULL DEFAULT '0',
                "version" integer NOT NULL DEFAULT '1',
                CONSTRAINT "PK_d721e56b4240f79aaa14cb54775" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_4bfcb7b4f8e0800e23bc194d94" ON "outcome" ("objective_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "output" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "objective_id" uuid NOT NULL,
                "title" text NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "position" integer NOT NULL DEFAULT '0',
                "version" integer NOT NULL DEFAULT '1',
                CONSTRAINT "PK_e141e6cac9aab4abf3bace13a51" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_2eda67c33900325ac4818e4200" ON "output" ("objective_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "output_outcome" (
                "output_id" uuid NOT NULL,
                "outcome_id" uuid NOT NULL,
                CONSTRAINT "PK_970b6474b7750fb538768a12085" PRIMARY KEY ("output_id", "outcome_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_812cb0ff808d27fd396949b156" ON "output_outcome" ("outcome_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "action" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "strategy_id" uuid NOT NULL,
                "objective_id" uuid NOT NULL,
                "output_id" uuid,
                "group_id" uuid NOT NULL,
                "ref" text NOT NULL,
                "title" text NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "success_measure" text NOT NULL DEFAULT '',
                "lead" text NOT NULL DEFAULT '',
                "agreed_on" date NOT NULL,
                "starts_on" date,
                "due_on" date,
                "current_status" text NOT NULL DEFAULT 'NOT_STARTED',
                "current_rag" text,
                "last_reported_on" date,
                "latest_update_id" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_action_ref" UNIQUE ("strategy_id", "ref"),
                CONSTRAINT "PK_2d9db9cf5edfbbae74eb56e3a39" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_a2fe4c0d57f53a9014bcaac15c" ON "action" ("objective_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_6df2aef7c2189a00f9538ea87e" ON "action" ("output_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_2c068b11350028e38708dc81a9" ON "action" ("group_id", "ref")
        `);
    await queryRunner.query(`
            CREATE TABLE "action_tag" (
                "action_id" uuid NOT NULL,
                "tag_id" uuid NOT NULL,
                CONSTRAINT "PK_b2812ece16fb584e818c24051aa" PRIMARY KEY ("action_id", "tag_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_e5e7487a6e05eddc78e1854704" ON "action_tag" ("tag_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "action_update" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "action_id" uuid NOT NULL,
                "seq" BIGSERIAL NOT NULL,
                "reported_on" date NOT NULL,
                "rag" text,
                "status" text NOT NULL,
                "progress" text NOT NULL DEFAULT '',
                "impact" text NOT NULL DEFAULT '',
                "author_id" uuid,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_40d41e727317ac0cdc2d4e166a7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_action_update_asof" ON "action_update" ("action_id", "reported_on", "seq")
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_entry" (
                "id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL,
                "partnership_id" uuid NOT NULL,
                "actor_id" uuid,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "operation" text NOT NULL,
                "entity_type" text NOT NULL,
                "entity_id" text NOT NULL,
                "before" jsonb,
                "after" jsonb,
                "request_id" text,
                CONSTRAINT "PK_58a130a4b9da189f46ba2a01801" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_63fffa54263a5976411f9c6899" ON "audit_entry" ("entity_type", "entity_id", "at")
        `);
    await queryRunner.query(`
            CREATE TABLE "app_user" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "email" text NOT NULL,
                "name" text NOT NULL,
                "password_hash" text NOT NULL,
                "roles" text array NOT NULL DEFAULT '{}',
                "active" boolean NOT NULL DEFAULT true,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "membership" (
                "group_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "role" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_e7b6edd84fea1ecd89a17904a55" PRIMARY KEY ("group_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_e9c72e8d29784031c96f5c6af8" ON "membership" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "session" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "token_hash" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "ip" text,
                "user_agent" text,
                CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_30e98e8746699fb9af235410af" ON "session" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_a83507eb0338ac037780e02f2b" ON "session" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "review" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "ref" text NOT NULL,
                "area" text NOT NULL DEFAULT '',
                "title" text NOT NULL,
                "pseudonym" text,
                "commissioned_on" date,
                "notified_on" date,
                "decided_on" date,
                "panel_started_on" date,
                "submitted_on" date,
                "qa_outcome" text,
                "qa_on" date,
                "published_on" date,
                "confidential" boolean NOT NULL DEFAULT true,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_review_ref" UNIQUE ("partnership_id", "ref"),
                CONSTRAINT "PK_2e4299a343a81574217255c00ca" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "recommendation" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "review_id" uuid NOT NULL,
                "ref" text NOT NULL,
                "text" text NOT NULL,
                "agency" text NOT NULL DEFAULT '',
                "scope" text NOT NULL DEFAULT 'LOCAL',
                "due_on" date,
                "status" text NOT NULL DEFAULT 'OPEN',
                "evidence" text,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_recommendation_ref" UNIQUE ("review_id", "ref"),
                CONSTRAINT "PK_17cb51984a6627ef2ce7370e23c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_20eb5e4027d1750ffe7e7fa2bb" ON "recommendation" ("agency")
        `);
    await queryRunner.query(`
            CREATE TABLE "recommendation_tag" (
                "recommendation_id" uuid NOT NULL,
                "tag_id" uuid NOT NULL,
                CONSTRAINT "PK_1f43446860e8298bfa634f813ca" PRIMARY KEY ("recommendation_id", "tag_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_eaf13af592ae035aabdb47c0ad" ON "recommendation_tag" ("tag_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "recommendation_action" (
                "recommendation_id" uuid NOT NULL,
                "action_id" uuid NOT NULL,
                CONSTRAINT "PK_f6881541a9892940e4e9cf8b3da" PRIMARY KEY ("recommendation_id", "action_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_df12eadf1fed88e5996e8e5e39" ON "recommendation_action" ("action_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "recommendation_status_change" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "recommendation_id" uuid NOT NULL,
                "from_status" text,
                "to_status" text NOT NULL,
                "evidence" text,
                "changed_by" uuid,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_cf88605adb204bb97a4b48ab6d7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_9f4bbcb10edab2c28af647f3b9" ON "recommendation_status_change" ("recommendation_id", "changed_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "indicator" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "outcome_id" uuid NOT NULL,
                "name" text NOT NULL,
                "unit" text NOT NULL DEFAULT '',
                "baseline" double precision,
                "target" double precision,
                "version" integer NOT NULL DEFAULT '1',
                CONSTRAINT "PK_4693fe4c2cb912a71e05c589e7e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_4098267d1b11356e2124de3b58" ON "indicator" ("outcome_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "measurement" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "indicator_id" uuid NOT NULL,
                "period" date NOT NULL,
                "value" double precision NOT NULL,
                "area" text NOT NULL DEFAULT '',
                "recorded_by" uuid,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_measurement_period_area" UNIQUE ("indicator_id", "period", "area"),
                CONSTRAINT "PK_742ff3cc0dcbbd34533a9071dfd" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "feedback" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "forum" text NOT NULL,
                "received_on" date NOT NULL,
                "summary" text NOT NULL,
                "recorded_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_8389f9e087a57689cd5be8b2b13" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_0be4662f782876eac4d37e4b1a" ON "feedback" ("partnership_id", "received_on")
        `);
    await queryRunner.query(`
            CREATE TABLE "feedback_objective" (
                "feedback_id" uuid NOT NULL,
                "objective_id" uuid NOT NULL,
                CONSTRAINT "PK_5794f908e39249d589d5511c16e" PRIMARY KEY ("feedback_id", "objective_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_b8923e763c7b36fb26c144a423" ON "feedback_objective" ("objective_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "feedback_tag" (
                "feedback_id" uuid NOT NULL,
                "tag_id" uuid NOT NULL,
                CONSTRAINT "PK_ed8fa3cca968646af65858ccd4f" PRIMARY KEY ("feedback_id", "tag_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_92044a90175f068c9452fc4bf3" ON "feedback_tag" ("tag_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "feedback_response" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "feedback_id" uuid NOT NULL,
                "text" text NOT NULL,
                "responded_on" date NOT NULL,
                "recorded_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_460a90032eebb635e073c7ba103" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_2003b8e8a69052024dcb9f111c" ON "feedback_response" ("feedback_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "feedback_response_action" (
                "response_id" uuid NOT NULL,
                "action_id" uuid NOT NULL,
                CONSTRAINT "PK_8db524d537b934b855c360f8fa6" PRIMARY KEY ("response_id", "action_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_445aec053ae49057881a723a3d" ON "feedback_response_action" ("action_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "tag"
            ADD CONSTRAINT "FK_b20d4a0997c067c6ad0084d8879" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "operational_group"
            ADD CONSTRAINT "FK_d66fe038219e9d5125f91457737" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "strategy"
            ADD CONSTRAINT "FK_99b0225afb246bab844e024265b" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "objective"
            ADD CONSTRAINT "FK_1316164b99beb0d6bb6fd20014a" FOREIGN KEY ("strategy_id") REFERENCES "strategy"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "outcome"
            ADD CONSTRAINT "FK_4bfcb7b4f8e0800e23bc194d94c" FOREIGN KEY ("objective_id") REFERENCES "objective"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "output"
            ADD CONSTRAINT "FK_2eda67c33900325ac4818e42002" FOREIGN KEY ("objective_id") REFERENCES "objective"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "output_outcome"
            ADD CONSTRAINT "FK_1f7c6c82a19a6bb0470b1ccb426" FOREIGN KEY ("output_id") REFERENCES "output"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "output_outcome"
            ADD CONSTRAINT "FK_812cb0ff808d27fd396949b1564" FOREIGN KEY ("outcome_id") REFERENCES "outcome"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "action"
            ADD CONSTRAINT "FK_0b5dd5e0464653f3f1aaedfab8e" FOREIGN KEY ("strategy_id") REFERENCES "strategy"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "action"
            ADD CONSTRAINT "FK_a2fe4c0d57f53a9014bcaac15c5" FOREIGN KEY ("objective_id") REFERENCES "objective"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "action"
            ADD CONSTRAINT "FK_6df2aef7c2189a00f9538ea87e6" FOREIGN KEY ("output_id") REFERENCES "output"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "action"
            ADD CONSTRAINT "FK_d716241e640bb2bf992d799cd33" FOREIGN KEY ("group_id") REFERENCES "operational_group"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "action_tag"
            ADD CONSTRAINT "FK_30c46608a8c2b28b658f6623035" FOREIGN KEY ("action_id") REFERENCES "action"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "action_tag"
            ADD CONSTRAINT "FK_e5e7487a6e05eddc78e18547047" FOREIGN KEY ("tag_id") REFERENCES "tag"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "action_update"
            ADD CONSTRAINT "FK_f717e0fc69000e2fd8cebd80d85" FOREIGN KEY ("action_id") REFERENCES "action"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD CONSTRAINT "FK_29e1d7c053e972a2c6f17238478" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "membership"
            ADD CONSTRAINT "FK_d7b446f7f7f75e661fce14a25f0" FOREIGN KEY ("group_id") REFERENCES "operational_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "membership"
            ADD CONSTRAINT "FK_e9c72e8d29784031c96f5c6af8d" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "session"
            ADD CONSTRAINT "FK_30e98e8746699fb9af235410aff" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review"
            ADD CONSTRAINT "FK_0ac610b2b3257f0d93d22e26e96" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "recommendation"
            ADD CONSTRAINT "FK_86f705364642702b67f3d4c5739" FOREIGN KEY ("review_id") REFERENCES "review"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "recommendation_tag"
            ADD CONSTRAINT "FK_69fa95dfa0fa3d9b66bffc446f0" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "recommendation_tag"
            ADD CONSTRAINT "FK_eaf13af592ae035aabdb47c0ad0" FOREIGN KEY ("tag_id") REFERENCES "tag"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "recommendation_action"
            ADD CONSTRAINT "FK_15263b9cea736c5260f64def30b" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "recommendation_action"
            ADD CONSTRAINT "FK_df12eadf1fed88e5996e8e5e392" FOREIGN KEY ("action_id") REFERENCES "action"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "recommendation_status_change"
            ADD CONSTRAINT "FK_90f244c886082d2707131d7b0d8" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "indicator"
            ADD CONSTRAINT "FK_4098267d1b11356e2124de3b589" FOREIGN KEY ("outcome_id") REFERENCES "outcome"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "measurement"
            ADD CONSTRAINT "FK_4a5471207e8878d1fd5f2d1ee89" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback"
            ADD CONSTRAINT "FK_ea38a62674f7dca98b3d8288004" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_objective"
            ADD CONSTRAINT "FK_096e442166e34f2e0a7af5f7a43" FOREIGN KEY ("feedback_id") REFERENCES "feedback"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_objective"
            ADD CONSTRAINT "FK_b8923e763c7b36fb26c144a4236" FOREIGN KEY ("objective_id") REFERENCES "objective"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_tag"
            ADD CONSTRAINT "FK_306d7118f4415a4068fdca34b3d" FOREIGN KEY ("feedback_id") REFERENCES "feedback"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_tag"
            ADD CONSTRAINT "FK_92044a90175f068c9452fc4bf36" FOREIGN KEY ("tag_id") REFERENCES "tag"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_response"
            ADD CONSTRAINT "FK_2003b8e8a69052024dcb9f111c3" FOREIGN KEY ("feedback_id") REFERENCES "feedback"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_response_action"
            ADD CONSTRAINT "FK_1ad46bf0a1c20859cd1fb4edc9d" FOREIGN KEY ("response_id") REFERENCES "feedback_response"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_response_action"
            ADD CONSTRAINT "FK_445aec053ae49057881a723a3dc" FOREIGN KEY ("action_id") REFERENCES "action"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "feedback_response_action" DROP CONSTRAINT "FK_445aec053ae49057881a723a3dc"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_response_action" DROP CONSTRAINT "FK_1ad46bf0a1c20859cd1fb4edc9d"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_response" DROP CONSTRAINT "FK_2003b8e8a69052024dcb9f111c3"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_tag" DROP CONSTRAINT "FK_92044a90175f068c9452fc4bf36"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_tag" DROP CONSTRAINT "FK_306d7118f4415a4068fdca34b3d"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_objective" DROP CONSTRAINT "FK_b8923e763c7b36fb26c144a4236"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_objective" DROP CONSTRAINT "FK_096e442166e34f2e0a7af5f7a43"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback" DROP CONSTRAINT "FK_ea38a62674f7dca98b3d8288004"
        `);
    await queryRunner.query(`
            ALTER TABLE "measurement" DROP CONSTRAINT "FK_4a5471207e8878d1fd5f2d1ee89"
        `);
    await queryRunner.query(`
            ALTER TABLE "indicator" DROP CONSTRAINT "FK_4098267d1b11356e2124de3b589"
        `);
    await queryRunner.query(`
            ALTER TABLE "recommendation_status_change" DROP CONSTRAINT "FK_90f244c886082d2707131d7b0d8"
        `);
    await queryRunner.query(`
            ALTER TABLE "recommendation_action" DROP CONSTRAINT "FK_df12eadf1fed88e5996e8e5e392"
        `);
    await queryRunner.query(`
            ALTER TABLE "recommendation_action" DROP CONSTRAINT "FK_15263b9cea736c5260f64def30b"
        `);
    await queryRunner.query(`
            ALTER TABLE "recommendation_tag" DROP CONSTRAINT "FK_eaf13af592ae035aabdb47c0ad0"
        `);
    await queryRunner.query(`
            ALTER TABLE "recommendation_tag" DROP CONSTRAINT "FK_69fa95dfa0fa3d9b66bffc446f0"
        `);
    await queryRunner.query(`
            ALTER TABLE "recommendation" DROP CONSTRAINT "FK_86f705364642702b67f3d4c5739"
        `);
    await queryRunner.query(`
            ALTER TABLE "review" DROP CONSTRAINT "FK_0ac610b2b3257f0d93d22e26e96"
        `);
    await queryRunner.query(`
            ALTER TABLE "session" DROP CONSTRAINT "FK_30e98e8746699fb9af235410aff"
        `);
    await queryRunner.query(`
            ALTER TABLE "membership" DROP CONSTRAINT "FK_e9c72e8d29784031c96f5c6af8d"
        `);
    await queryRunner.query(`
            ALTER TABLE "membership" DROP CONSTRAINT "FK_d7b446f7f7f75e661fce14a25f0"
        `);
    await queryRunner.query(`
            ALTER TABLE "app_user" DROP CONSTRAINT "FK_29e1d7c053e972a2c6f17238478"
        `);
    await queryRunner.query(`
            ALTER TABLE "action_update" DROP CONSTRAINT "FK_f717e0fc69000e2fd8cebd80d85"
        `);
    await queryRunner.query(`
            ALTER TABLE "action_tag" DROP CONSTRAINT "FK_e5e7487a6e05eddc78e18547047"
        `);
    await queryRunner.query(`
            ALTER TABLE "action_tag" DROP CONSTRAINT "FK_30c46608a8c2b28b658f6623035"
        `);
    await queryRunner.query(`
            ALTER TABLE "action" DROP CONSTRAINT "FK_d716241e640bb2bf992d799cd33"
        `);
    await queryRunner.query(`
            ALTER TABLE "action" DROP CONSTRAINT "FK_6df2aef7c2189a00f9538ea87e6"
        `);
    await queryRunner.query(`
            ALTER TABLE "action" DROP CONSTRAINT "FK_a2fe4c0d57f53a9014bcaac15c5"
        `);
    await queryRunner.query(`
            ALTER TABLE "action" DROP CONSTRAINT "FK_0b5dd5e0464653f3f1aaedfab8e"
        `);
    await queryRunner.query(`
            ALTER TABLE "output_outcome" DROP CONSTRAINT "FK_812cb0ff808d27fd396949b1564"
        `);
    await queryRunner.query(`
            ALTER TABLE "output_outcome" DROP CONSTRAINT "FK_1f7c6c82a19a6bb0470b1ccb426"
        `);
    await queryRunner.query(`
            ALTER TABLE "output" DROP CONSTRAINT "FK_2eda67c33900325ac4818e42002"
        `);
    await queryRunner.query(`
            ALTER TABLE "outcome" DROP CONSTRAINT "FK_4bfcb7b4f8e0800e23bc194d94c"
        `);
    await queryRunner.query(`
            ALTER TABLE "objective" DROP CONSTRAINT "FK_1316164b99beb0d6bb6fd20014a"
        `);
    await queryRunner.query(`
            ALTER TABLE "strategy" DROP CONSTRAINT "FK_99b0225afb246bab844e024265b"
        `);
    await queryRunner.query(`
            ALTER TABLE "operational_group" DROP CONSTRAINT "FK_d66fe038219e9d5125f91457737"
        `);
    await queryRunner.query(`
            ALTER TABLE "tag" DROP CONSTRAINT "FK_b20d4a0997c067c6ad0084d8879"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_445aec053ae49057881a723a3d"
        `);
    await queryRunner.query(`
            DROP TABLE "feedback_response_action"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_2003b8e8a69052024dcb9f111c"
        `);
    await queryRunner.query(`
            DROP TABLE "feedback_response"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_92044a90175f068c9452fc4bf3"
        `);
    await queryRunner.query(`
            DROP TABLE "feedback_tag"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_b8923e763c7b36fb26c144a423"
        `);
    await queryRunner.query(`
            DROP TABLE "feedback_objective"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_0be4662f782876eac4d37e4b1a"
        `);
    await queryRunner.query(`
            DROP TABLE "feedback"
        `);
    await queryRunner.query(`
            DROP TABLE "measurement"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_4098267d1b11356e2124de3b58"
        `);
    await queryRunner.query(`
            DROP TABLE "indicator"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_9f4bbcb10edab2c28af647f3b9"
        `);
    await queryRunner.query(`
            DROP TABLE "recommendation_status_change"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_df12eadf1fed88e5996e8e5e39"
        `);
    await queryRunner.query(`
            DROP TABLE "recommendation_action"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_eaf13af592ae035aabdb47c0ad"
        `);
    await queryRunner.query(`
            DROP TABLE "recommendation_tag"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_20eb5e4027d1750ffe7e7fa2bb"
        `);
    await queryRunner.query(`
            DROP TABLE "recommendation"
        `);
    await queryRunner.query(`
            DROP TABLE "review"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_a83507eb0338ac037780e02f2b"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_30e98e8746699fb9af235410af"
        `);
    await queryRunner.query(`
            DROP TABLE "session"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_e9c72e8d29784031c96f5c6af8"
        `);
    await queryRunner.query(`
            DROP TABLE "membership"
        `);
    await queryRunner.query(`
            DROP TABLE "app_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_63fffa54263a5976411f9c6899"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_entry"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_action_update_asof"
        `);
    await queryRunner.query(`
            DROP TABLE "action_update"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_e5e7487a6e05eddc78e1854704"
        `);
    await queryRunner.query(`
            DROP TABLE "action_tag"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_2c068b11350028e38708dc81a9"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_6df2aef7c2189a00f9538ea87e"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_a2fe4c0d57f53a9014bcaac15c"
        `);
    await queryRunner.query(`
            DROP TABLE "action"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_812cb0ff808d27fd396949b156"
        `);
    await queryRunner.query(`
            DROP TABLE "output_outcome"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_2eda67c33900325ac4818e4200"
        `);
    await queryRunner.query(`
            DROP TABLE "output"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_4bfcb7b4f8e0800e23bc194d94"
        `);
    await queryRunner.query(`
            DROP TABLE "outcome"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_1316164b99beb0d6bb6fd20014"
        `);
    await queryRunner.query(`
            DROP TABLE "objective"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_99b0225afb246bab844e024265"
        `);
    await queryRunner.query(`
            DROP TABLE "strategy"
        `);
    await queryRunner.query(`
            DROP TABLE "operational_group"
        `);
    await queryRunner.query(`
            DROP TABLE "tag"
        `);
    await queryRunner.query(`
            DROP TABLE "partnership"
        `);
  }
}
