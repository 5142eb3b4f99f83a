// Identifier lookups for the open data API's filters: an unknown programme slug or project code
// is a 404 there (a typo must not silently return an empty, "fully funded" list).
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

/** The programme's id for a URL slug, or null when no programme has it. */
export async function findProgrammeIdBySlug(args: { slug: string; db?: DbClient }): Promise<string | null> {
  const db = args.db ?? getPrisma();
  const programme = await db.programme.findUnique({ where: { slug: args.slug }, select: { id: true } });
  return programme?.id ?? null;
}

/** The project's id for its code (e.g. GLOT59), or null when no project has it. */
export async function findProjectIdByCode(args: { code: string; db?: DbClient }): Promise<string | null> {
  const db = args.db ?? getPrisma();
  const project = await db.project.findUnique({ where: { code: args.code }, select: { id: true } });
  return project?.id ?? null;
}
