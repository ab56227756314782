import { App } from 'aws-cdk-lib';
import { runCdkApp } from '@showcore/naming';
import { buildEdgeApp } from './app';

runCdkApp(() => {
  const app = new App();
  buildEdgeApp(app);
  app.synth();
});
