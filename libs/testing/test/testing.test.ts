import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, CfnOutput, CfnResource, DockerImage, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import fc from 'fast-check';
import { parseEnvironment } from '@showcore/naming';
import {
  assetHashSerializer,
  cleanupSynthOutputs,
  configVariant,
  environmentName,
  expectNoNagFindings,
  nagFindings,
  onlyResource,
  resourcesOfType,
  synthesize,
  unknownEnvironmentName,
} from '../src';

describe('synthesize', () => {
  it('builds the app for an environment and returns its templates by stack id', () => {
    const result = synthesize('staging', (app) => {
      expect(app.node.tryGetContext('env')).toBe('staging');
      const stack = new Stack(app, 'One');
      new sqs.Queue(stack, 'Queue');
    });
    expect(Object.keys(result.templates)).toEqual(['One']);
    expect(onlyResource(result.template('One'), 'AWS::SQS::Queue').logicalId).toMatch(/^Queue/);
    expect(() => result.template('Two')).toThrow('No stack "Two" in the app. Stacks: One.');
  });

  it('cleans up its temporary cloud assemblies, and those of every `new App()` without an outdir', () => {
    const { app } = synthesize('dev', (a) => new Stack(a, 'S'));
    const plain = new App();
    expect([fs.existsSync(app.outdir), fs.existsSync(plain.outdir)]).toEqual([true, true]);
    cleanupSynthOutputs();
    expect([fs.existsSync(app.outdir), fs.existsSync(plain.outdir)]).toEqual([false, false]);
  });

  it('writes no tree.json and records no creation stack trace, which no test reads', () => {
    const { app, stacks } = synthesize('dev', (a) => new CfnResource(new Stack(a, 'S'), 'Queue', { type: 'AWS::SQS::Queue' }));
    expect(fs.readdirSync(app.outdir)).not.toContain('tree.json');
    const resource = stacks[0].node.findChild('Queue');
    expect(resource.node.metadata.map((m) => m.type)).not.toContain('aws:cdk:creationStack');
  });

  describe('bundling', () => {
    /** A stack whose one asset is bundled by a local bundler that counts its runs; the asset's key is an output. */
    const bundled = (options: { bundling?: boolean }) => {
      let runs = 0;
      const result = synthesize(
        'dev',
        (app) => {
          const stack = new Stack(app, 'S');
          const asset = new Asset(stack, 'Code', {
            path: __dirname,
            bundling: {
              image: DockerImage.fromRegistry('never-pulled'),
              local: {
                tryBundle(outputDir: string): boolean {
                  runs += 1;
                  fs.writeFileSync(path.join(outputDir, 'index.js'), 'exports.handler = () => {};');
                  return true;
                },
              },
            },
          });
          new CfnOutput(stack, 'Key', { value: asset.s3ObjectKey });
        },
        options,
      );
      return { runs, key: result.template('S').toJSON().Outputs.Key.Value };
    };

    it('bundles assets by default', () => {
      expect(bundled({})).toEqual({ runs: 1, key: expect.stringMatching(/^[0-9a-f]{64}\.zip$/) });
    });

    it('skips them with bundling: false, the template naming the asset by a hash all the same', () => {
      expect(bundled({ bundling: false })).toEqual({ runs: 0, key: expect.stringMatching(/^[0-9a-f]{64}\.zip$/) });
    });
  });
});

describe('resourcesOfType', () => {
  it('walks every template', () => {
    const { templates } = synthesize('dev', (app) => {
      new sqs.Queue(new Stack(app, 'A'), 'Q1');
      const b = new Stack(app, 'B');
      new sqs.Queue(b, 'Q2');
      new sqs.Queue(b, 'Q3');
    });
    expect(resourcesOfType(templates, 'AWS::SQS::Queue').map((r) => r.stack)).toEqual(['A', 'B', 'B']);
    expect(() => onlyResource(templates.B, 'AWS::SQS::Queue')).toThrow(/Expected exactly one AWS::SQS::Queue, found 2/);
  });
});

describe('cdk-nag helpers', () => {
  it('list unacknowledged findings with their construct path', () => {
    const { app } = synthesize('dev', (a) => {
      new s3.Bucket(new Stack(a, 'S'), 'Plain');
      Validations.of(a).addPlugins(new AwsSolutionsChecks(a));
    });
    const findings = nagFindings(app);
    expect(findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
    expect(findings.every((f) => f.path.startsWith('S/Plain'))).toBe(true);
    expect(() => expectNoNagFindings(app)).toThrow(/AwsSolutions-S1 at S\/Plain/);
  });

  it('pass when every finding is acknowledged with a reason', () => {
    const { app } = synthesize('dev', (a) => {
      const bucket = new s3.Bucket(new Stack(a, 'S'), 'Plain');
      for (const id of ['AwsSolutions-S1', 'AwsSolutions-S10']) Validations.of(bucket).acknowledge({ id, reason: 'test fixture' });
      Validations.of(a).addPlugins(new AwsSolutionsChecks(a));
    });
    expect(() => expectNoNagFindings(app)).not.toThrow();
  });
});

describe('snapshot serializer', () => {
  const hash = 'a'.repeat(64);

  it('replaces asset hashes in keys and values', () => {
    const template = { Resources: { Fn: { Properties: { Code: { S3Key: `${hash}.zip` } } } }, [`Asset${hash}`]: 1 };
    expect(assetHashSerializer.test(template)).toBe(true);
    expect(template).toMatchInlineSnapshot(`
{
  "Asset[ASSET_HASH]": 1,
  "Resources": {
    "Fn": {
      "Properties": {
        "Code": {
          "S3Key": "[ASSET_HASH].zip",
        },
      },
    },
  },
}
`);
  });

  it('leaves values without hashes alone', () => {
    expect(assetHashSerializer.test({ a: 'b'.repeat(63) })).toBe(false);
  });
});

describe('arbitraries', () => {
  it('generate only valid environment names, and only invalid ones for rejection tests', () => {
    fc.assert(fc.property(environmentName(), (env) => expect(parseEnvironment(env)).toBe(env)));
    fc.assert(fc.property(unknownEnvironmentName(), (env) => expect(() => parseEnvironment(env)).toThrow()));
  });

  it('derive configuration variants that keep untouched fields', () => {
    const base = { a: 1, b: 'x', c: true };
    fc.assert(
      fc.property(configVariant(base, { a: fc.integer({ min: 5, max: 9 }) }), (variant) => {
        expect(variant.b).toBe('x');
        expect(variant.c).toBe(true);
        expect(variant.a === 1 || (variant.a >= 5 && variant.a <= 9)).toBe(true);
      }),
    );
  });
});
