import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messages (reminders, escalations, decisions) for the notifications module: one row per message,
 * unique per partnership and dedupe key so that each is recorded at most once.
 */

export class Messages1795813000000 implements MigrationInterface {
  name = 'Messages1795813000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "message" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "recipient_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "dedupe_key" text NOT NULL,
                "subject" text NOT NULL,
                "body" text NOT NULL,
                "link" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "read_at" TIMESTAMP WITH TIME ZONE,
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_message_dedupe_key" UNIQUE ("partnership_id", "dedupe_key"),
                CONSTRAINT "PK_ba01f0a3e0123651915008bc578" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_message_unsent" ON "message" ("next_attempt_at")
            WHERE "sent_at" IS NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_message_recipient" ON "message" ("recipient_id", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "message"
            ADD CONSTRAINT "FK_185f57c46d19428ee9cf69e06f1" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "message"
            ADD CONSTRAINT "FK_3318a3c87e7795d769d5b96e564" FOREIGN KEY ("recipient_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "message" DROP CONSTRAINT "FK_3318a3c87e7795d769d5b96e564"
        `);
    await queryRunner.query(`
            ALTER TABLE "message" DROP CONSTRAINT "FK_185f57c46d19428ee9cf69e06f1"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_message_recipient"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_message_unsent"
        `);
    await queryRunner.query(`
            DROP TABLE "message"
        `);
  }
}
