import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { explainAwsError } from '#tools/lib/aws-errors';
import { UsageError } from '#tools/lib/process';

export interface Identity {
  readonly account: string;
  readonly arn: string;
}

/** Who the credentials are; a clear error (and nothing created) when there are none, or for the wrong account. */
export async function checkIdentity(sts: STSClient, env: NodeJS.ProcessEnv, expectedAccount?: string, what = 'verify'): Promise<Identity> {
  let identity: Identity;
  try {
    const answer = await sts.send(new GetCallerIdentityCommand({}));
    identity = { account: answer.Account ?? '', arn: answer.Arn ?? '' };
  } catch (error) {
    throw new UsageError(`Cannot ${what}: ${explainAwsError(error, env)}`);
  }
  if (expectedAccount && identity.account !== expectedAccount) {
    throw new UsageError(
      `The credentials belong to account ${identity.account} (${identity.arn}), but --account says ${expectedAccount}. ` +
        `Switch to the environment's account (AWS_PROFILE or SSO) before you ${what}; nothing was created.`,
    );
  }
  return identity;
}
