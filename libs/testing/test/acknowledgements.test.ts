import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { acknowledgedRules, acknowledgements, nagReasons } from '../src';

function appWithAcknowledgements(): App {
  const app = new App();
  const stack = new Stack(app, 'Tier');
  const bucket = new CfnResource(stack, 'Bucket', { type: 'AWS::S3::Bucket' });
  const queue = new CfnResource(stack, 'Queue', { type: 'AWS::SQS::Queue' });
  Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'no access logs for cost' });
  Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S10', reason: 'TLS enforced elsewhere' });
  Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'no dead-letter queue needed' });
  new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic' });
  return app;
}

describe('acknowledgements', () => {
  it('lists every acknowledgement with its construct path and reason', () => {
    expect(acknowledgements(appWithAcknowledgements())).toEqual([
      { id: 'Annotation::AwsSolutions-S1', path: 'Tier/Bucket', reason: 'no access logs for cost' },
      { id: 'Annotation::AwsSolutions-S10', path: 'Tier/Bucket', reason: 'TLS enforced elsewhere' },
      { id: 'Annotation::AwsSolutions-SQS3', path: 'Tier/Queue', reason: 'no dead-letter queue needed' },
    ]);
  });

  it('groups the rule ids by construct path, without the AwsSolutions prefix, for a stack or a whole app', () => {
    const app = appWithAcknowledgements();
    const expected = { 'Tier/Bucket': ['S1', 'S10'], 'Tier/Queue': ['SQS3'] };
    expect(acknowledgedRules(app)).toEqual(expected);
    expect(acknowledgedRules(app.node.findChild('Tier'))).toEqual(expected);
  });

  it('finds nothing where nothing is acknowledged', () => {
    const stack = new Stack(new App(), 'Empty');
    new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic' });
    expect(acknowledgements(stack)).toEqual([]);
    expect(acknowledgedRules(stack)).toEqual({});
  });
});

describe('nagReasons', () => {
  it('gives the reason of each cdk-nag acknowledgement by rule id, without the Annotation:: prefix', () => {
    expect(nagReasons(appWithAcknowledgements())).toEqual({
      'AwsSolutions-S1': 'no access logs for cost',
      'AwsSolutions-S10': 'TLS enforced elsewhere',
      'AwsSolutions-SQS3': 'no dead-letter queue needed',
    });
  });

  it('leaves out acknowledgements of rules that are not cdk-nag AwsSolutions rules', () => {
    const app = new App();
    const stack = new Stack(app, 'Tier');
    Validations.of(new CfnResource(stack, 'Bucket', { type: 'AWS::S3::Bucket' })).acknowledge({ id: 'E3002', reason: 'CloudFormation validation' });
    expect(nagReasons(app)).toEqual({});
  });
});
