/**
 * The main job's last step on the emulator: `ops:verify`'s orchestration against what was just deployed, with the
 * probe function's handler run in this process through the invoker seam (moto runs Lambda functions only in
 * Docker). It proves the deployed contract is what verify reads (every input, the function in the application
 * security group) and runs the probes that can run here (S3); the rest are reported as not emulated, each with
 * its reason (docs/verify.md).
 */
import type { EnvironmentName } from '@showcore/naming';
import { invokerFor, newRunId, verifyClients } from '#tools/verify/cli';
import { verifyEnvironment, type VerifyReport } from '#tools/verify/verify';
import type { CheckResult } from './checks';

/** The verify report as main-job checks of the ops tier (which owns the function). */
export function probeChecks(report: VerifyReport): CheckResult[] {
  const tier = 'ops';
  return [
    ...report.steps.map((s): CheckResult => ({ tier, check: `ops:verify step: ${s.step}`, status: s.ok ? 'pass' : 'fail', detail: s.detail })),
    ...(report.inside?.results ?? []).map(
      (r): CheckResult => ({ tier, check: `ops:verify ${r.probe}.${r.check}`, status: r.passed ? 'pass' : 'fail', detail: r.detail }),
    ),
    ...(report.inside?.problems ?? []).map((p): CheckResult => ({ tier, check: 'ops:verify problem', status: 'fail', detail: p })),
    ...report.skipped.map((s): CheckResult => ({ tier, check: `ops:verify ${s.probe} probe`, status: 'not-emulated', detail: s.reason })),
    ...report.cleanup.problems.map((p): CheckResult => ({ tier, check: 'ops:verify clean-up', status: 'fail', detail: p })),
  ];
}

export async function verifyFromInsideVpc(
  environment: EnvironmentName,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void = (l) => console.log(l),
): Promise<CheckResult[]> {
  const region = env.AWS_REGION ?? 'us-east-1';
  try {
    const report = await verifyEnvironment(verifyClients(env), {
      environment,
      region,
      env,
      runId: newRunId(),
      probes: ['postgres', 'redis', 's3'],
      edge: true,
      timeouts: { probeMs: 30_000, invokeMs: 120_000, edgeSeconds: 60 },
      invoker: invokerFor(environment, env, region),
      log: (line) => log(`  ${line}`),
    });
    return probeChecks(report);
  } catch (error) {
    return [{ tier: 'ops', check: 'ops:verify (handler in-process)', status: 'fail', detail: (error as Error).message }];
  }
}
