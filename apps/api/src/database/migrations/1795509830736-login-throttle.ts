import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The store of rate-limiter-flexible's RateLimiterPostgres for login throttling (one row per key:
 * "acct:<email>" or "ip:<address>"). Kept in PostgreSQL so every replica sees the same counts.
 * Its shape is the library's own; no entity maps it.
 */
export class LoginThrottle1795509830736 implements MigrationInterface {
  name = 'LoginThrottle1795509830736';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "login_throttle" (
        "key" varchar(255) PRIMARY KEY,
        "points" integer NOT NULL DEFAULT 0,
        "expire" bigint
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "login_throttle"`);
  }
}
