import { App } from 'aws-cdk-lib';
import { runCdkApp } from '@showcore/naming';
import { buildOpsApp } from './app';

runCdkApp(() => {
  const app = new App();
  buildOpsApp(app);
  app.synth();
});
