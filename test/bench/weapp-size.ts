/** The WeChat main package: everything in dist/weapp outside declared subpackages (limit 2 MB). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const DIST = join(process.cwd(), 'miniapp', 'dist', 'weapp');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

export function weappMainPackageBytes(): number | null {
  if (!existsSync(join(DIST, 'app.json'))) return null;
  const app = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/?$/, '/'));
  return files(DIST)
    .filter((file) => !file.endsWith('.map'))
    .filter((file) => !roots.some((root) => relative(DIST, file).startsWith(root)))
    .reduce((sum, file) => sum + statSync(file).size, 0);
}
