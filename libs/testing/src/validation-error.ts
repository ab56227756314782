/** True for the error CDK throws when a validation plugin (cdk-nag) reports findings during synthesis. */
export function isValidationFailure(error: unknown): boolean {
  const err = error as { name?: string; message?: string } | undefined;
  return err?.name === 'ValidationFailed' || /ValidationFailed|Validation failed/.test(err?.message ?? '');
}
