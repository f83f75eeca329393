import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { parseSeed, type LocalGitHubSeed } from './seed-schema';

/** Reads a seed from a YAML or JSON file (YAML is a superset of JSON) and checks it. */
export async function readSeedFile(path: string): Promise<LocalGitHubSeed> {
  const text = await readFile(path, 'utf8');
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new Error(`Seed file ${path} is not valid YAML/JSON: ${(error as Error).message}`);
  }
  try {
    parseSeed(data);
  } catch (error) {
    throw new Error(`Seed file ${path}: ${(error as Error).message}`);
  }
  return data as LocalGitHubSeed;
}
