import { App } from 'aws-cdk-lib';
import { runCdkApp } from '@showcore/naming';
import { buildNetworkApp } from './app';

runCdkApp(() => {
  const app = new App();
  buildNetworkApp(app);
  app.synth();
});
