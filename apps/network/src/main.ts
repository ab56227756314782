import { synthesizeCdkApp } from '@showcore/naming';
import { buildNetworkApp } from './app';

synthesizeCdkApp(buildNetworkApp);
