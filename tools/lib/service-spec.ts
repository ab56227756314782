/**
 * The CloudFormation resource specification AWS publishes for CDK (`@aws-cdk/aws-service-spec`): which types hold
 * data, take tags, and which property changes replace a resource. Its database takes ~1.1 s of CPU and hundreds of
 * MB to load, while a process (a deploy with changes, the change plan, a tier's template checks) asks about a few
 * dozen of its ~1,400 resource types, and `npm test` starts some fifty such processes.
 *
 * So the first process that loads the database also writes each resource type's entry to its own file under
 * node_modules/.cache/showcore/service-spec/<installed version> (a fresh `npm install` empties it; a new version
 * gets its own folder), and later processes read only the entries they ask for. `@aws-cdk/cloudformation-diff`
 * loads the same database lazily for its replacement rules through `loadAwsServiceSpecSync`; while this module is
 * loaded, that loader returns a database whose resource-by-type lookups answer from the same entries, and which
 * loads the full database for any other question. Either way the answer is the database's own entry, unchanged.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Resource, SpecDatabase } from '@aws-cdk/service-spec-types';
import { TOOLS_CACHE_DIR } from './paths';

/** One resource type of the specification. */
export type ResourceSpec = Resource;

interface ServiceSpecModule {
  loadAwsServiceSpecSync: () => SpecDatabase;
}

// The package's own exports object (not an import's copy of it), so cloudformation-diff, which reads the loader from
// it when it first needs the database, gets the one below.
const serviceSpec = require('@aws-cdk/aws-service-spec') as ServiceSpecModule;
const loadFullDatabase = serviceSpec.loadAwsServiceSpecSync;

/** A file name for a type: `AWS::S3::Bucket` → `AWS--S3--Bucket.json`. */
function entryFile(dir: string, type: string): string {
  return path.join(dir, `${type.replace(/::/g, '--')}.json`);
}

/** Marks a folder whose entries were all written (written last, so a folder cut short is never read). */
const COMPLETE = '.complete';

let database: SpecDatabase | undefined;
/** Where the installed specification version's entries are kept (one JSON file per resource type). */
let cacheDir = path.join(TOOLS_CACHE_DIR, 'service-spec', (require('@aws-cdk/aws-service-spec/package.json') as { version: string }).version);
const entries = new Map<string, ResourceSpec | undefined>();
let fullLoads = 0;

function fullDatabase(): SpecDatabase {
  if (!database) {
    database = loadFullDatabase();
    fullLoads += 1;
    writeEntries(database, cacheDir);
  }
  return database;
}

/**
 * Writes every resource type's entry into `dir`, through a private folder renamed into place, so a reader sees
 * either no folder or a complete one (a rename onto a folder another process completed first fails, and is left).
 * Best effort: a read-only node_modules only means the next process loads the database again.
 */
function writeEntries(db: SpecDatabase, dir: string): void {
  if (fs.existsSync(path.join(dir, COMPLETE))) return;
  const staging = `${dir}.${process.pid}.tmp`;
  try {
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    for (const resource of db.all('resource')) fs.writeFileSync(entryFile(staging, resource.cloudFormationType), JSON.stringify(resource));
    fs.writeFileSync(path.join(staging, COMPLETE), '');
    // A complete folder is never removed (a reader may be reading it); one without the mark is a leftover.
    if (fs.existsSync(dir) && !fs.existsSync(path.join(dir, COMPLETE))) fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(staging, dir);
  } catch {
    // Another process renamed its copy into place first, or the folder is not writable.
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** The specification's entry for a CloudFormation type; undefined for an unknown type. */
export function resourceSpec(type: string): ResourceSpec | undefined {
  if (entries.has(type)) return entries.get(type);
  let entry: ResourceSpec | undefined;
  if (!database && fs.existsSync(path.join(cacheDir, COMPLETE))) {
    const file = entryFile(cacheDir, type);
    entry = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ResourceSpec) : undefined;
  } else {
    entry = fullDatabase().lookup('resource', 'cloudFormationType', 'equals', type)[0];
  }
  entries.set(type, entry);
  return entry;
}

/**
 * The database cloudformation-diff is given: its lookups of a resource by CloudFormation type (all it asks today)
 * answer from the entries; any other use of it loads the full database and is answered there.
 */
function databaseForDiff(): SpecDatabase {
  return new Proxy({} as SpecDatabase, {
    get(_target, property) {
      if (property === 'lookup') {
        return (table: string, index: string, operator: string, value: unknown) =>
          table === 'resource' && index === 'cloudFormationType' && operator === 'equals' && typeof value === 'string'
            ? [resourceSpec(value)].filter((r) => r !== undefined)
            : (fullDatabase().lookup as (...args: unknown[]) => unknown)(table, index, operator, value);
      }
      const member = (fullDatabase() as unknown as Record<PropertyKey, unknown>)[property];
      return typeof member === 'function' ? member.bind(fullDatabase()) : member;
    },
  });
}

serviceSpec.loadAwsServiceSpecSync = databaseForDiff;

/** For tests: how many times this process loaded the full database, and where the entries are kept. */
export const serviceSpecInternals = {
  fullLoads: () => fullLoads,
  useCacheDir(dir: string): void {
    cacheDir = dir;
    database = undefined;
    entries.clear();
  },
};
