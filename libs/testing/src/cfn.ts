/** Intrinsics as CDK writes them into a template, for expected values in assertions. */

/** `{ Fn::Join: ['', parts] }`: an ARN or name CDK assembles from tokens. */
export const joined = (...parts: unknown[]): { 'Fn::Join': [string, unknown[]] } => ({ 'Fn::Join': ['', parts] });

export const ACCOUNT_ID = { Ref: 'AWS::AccountId' } as const;
export const PARTITION = { Ref: 'AWS::Partition' } as const;
export const REGION = { Ref: 'AWS::Region' } as const;
