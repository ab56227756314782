import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { motoSupportedTypes } from '#tools/emulator/moto';

/** A stand-in for moto's Python: answers the version question and the types question, counting the latter. */
function fakePython(dir: string, version: string): { python: string; asked: () => number } {
  const count = path.join(dir, 'asked');
  const python = path.join(dir, `python-${version}`);
  fs.writeFileSync(
    python,
    `#!/bin/sh\ncase "$2" in\n  *importlib*) echo ${version} ;;\n  *) echo x >> ${count}; echo '["AWS::EC2::VPC", "AWS::S3::Bucket"]' ;;\nesac\n`,
    { mode: 0o755 },
  );
  return { python, asked: () => (fs.existsSync(count) ? fs.readFileSync(count, 'utf8').split('\n').filter(Boolean).length : 0) };
}

describe('the resource types moto supports', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-moto-types-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('asks moto once per version, then answers from the cache', async () => {
    const dir = tempDir();
    const cache = path.join(dir, 'cache');
    const first = fakePython(dir, '5.1.0');
    expect([...(await motoSupportedTypes(first.python, cache))]).toEqual(['AWS::EC2::VPC', 'AWS::S3::Bucket']);
    expect([...(await motoSupportedTypes(first.python, cache))]).toEqual(['AWS::EC2::VPC', 'AWS::S3::Bucket']);
    expect(first.asked()).toBe(1);
    // Another moto version is asked again.
    const upgraded = fakePython(dir, '5.2.5');
    await motoSupportedTypes(upgraded.python, cache);
    expect(upgraded.asked()).toBe(2);
  });

  it('asks again when the cached answer is unreadable, and rewrites it', async () => {
    const dir = tempDir();
    const cache = path.join(dir, 'cache');
    const moto = fakePython(dir, '5.1.0');
    await motoSupportedTypes(moto.python, cache);
    const [file] = fs.readdirSync(cache);
    fs.writeFileSync(path.join(cache, file), '["AWS::EC2::V');
    expect((await motoSupportedTypes(moto.python, cache)).has('AWS::S3::Bucket')).toBe(true);
    expect(moto.asked()).toBe(2);
    expect(JSON.parse(fs.readFileSync(path.join(cache, file), 'utf8'))).toEqual(['AWS::EC2::VPC', 'AWS::S3::Bucket']);
  });

  it('names the Python and the fix when moto cannot be imported, and caches nothing', async () => {
    const dir = tempDir();
    const broken = path.join(dir, 'python-broken');
    fs.writeFileSync(broken, '#!/bin/sh\necho "ModuleNotFoundError: No module named \'moto\'" >&2\nexit 1\n', { mode: 0o755 });
    await expect(motoSupportedTypes(broken, path.join(dir, 'cache'))).rejects.toThrow(
      `Could not ask moto which CloudFormation types it supports (${broken} failed: ModuleNotFoundError: No module named 'moto'). Is moto installed for ${broken}?`,
    );
    expect(fs.existsSync(path.join(dir, 'cache'))).toBe(false);
  });
});
