// Used only by the TypeORM CLI (migration:generate / the drift check).
import { createDataSource } from './data-source';

export default createDataSource({
  url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/throughline_migrations',
});
