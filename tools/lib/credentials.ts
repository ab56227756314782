import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Where AWS credentials could come from for `env`, judged without a network call: the environment variables, a
 * named or default profile in the shared files, web identity or a container endpoint. The instance metadata
 * service is never asked (it is not on the loopback interface); tools set AWS_EC2_METADATA_DISABLED.
 * Undefined when there are none.
 */
export function credentialSource(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return 'the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY variables';
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) return 'web identity (AWS_WEB_IDENTITY_TOKEN_FILE)';
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return 'the container credentials endpoint';
  const home = env.HOME ?? os.homedir();
  const profile = env.AWS_PROFILE ?? env.AWS_DEFAULT_PROFILE ?? 'default';
  const files = [env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, '.aws', 'credentials'), env.AWS_CONFIG_FILE ?? path.join(home, '.aws', 'config')];
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    const header = new RegExp(`^\\[(profile )?${profile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\]\\s*$`, 'm');
    if (header.test(text)) return `the profile "${profile}" in ${file}`;
  }
  return undefined;
}
