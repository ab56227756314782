import { synthesizeCdkApp } from '@showcore/naming';
import { buildEdgeApp } from './app';

synthesizeCdkApp(buildEdgeApp);
