import { App } from 'aws-cdk-lib';
import { runCdkApp } from '@showcore/naming';
import { buildDataApp } from './app';

runCdkApp(() => {
  const app = new App();
  buildDataApp(app);
  app.synth();
});
