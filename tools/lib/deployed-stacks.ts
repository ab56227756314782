/** What CloudFormation holds for a stack: its outputs and the template it runs (undefined when not deployed). */
import { DescribeStacksCommand, GetTemplateCommand, type CloudFormationClient, type Output } from '@aws-sdk/client-cloudformation';

/** Outputs of a stack, or undefined when the stack does not exist. */
export async function stackOutputs(cfn: CloudFormationClient, stackName: string): Promise<Output[] | undefined> {
  try {
    const out = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = out.Stacks?.[0];
    if (!stack || stack.StackStatus === 'DELETE_COMPLETE') return undefined;
    return stack.Outputs ?? [];
  } catch (error) {
    if (/does not exist/.test((error as Error).message)) return undefined;
    throw error;
  }
}

/** The template a deployed stack runs (parsed), or undefined when the stack does not exist. */
export async function deployedTemplate(cfn: CloudFormationClient, stackName: string): Promise<unknown> {
  if (!(await stackOutputs(cfn, stackName))) return undefined;
  const body = (await cfn.send(new GetTemplateCommand({ StackName: stackName, TemplateStage: 'Original' }))).TemplateBody;
  if (!body) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined; // a YAML or otherwise different body: not ours, deploy
  }
}
