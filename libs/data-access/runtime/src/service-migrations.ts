/** Where a service's committed Prisma migrations live and which Postgres schema they build. */
export interface ServiceMigrations {
  schema: string;
  /** Absolute path of the service's `prisma/migrations` folder. */
  dir: string;
}
