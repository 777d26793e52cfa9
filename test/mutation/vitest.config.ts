import { defineConfig } from 'vitest/config';
import base from '../../vite.config';
import { AREAS } from './areas.mjs';

// The unit-test config, narrowed to the tests of one mutation area (WAYMARK_MUTATE_AREA).
// (mergeConfig would append to `include`, so the test block is replaced instead.)
const area = AREAS[process.env.WAYMARK_MUTATE_AREA ?? 'store'];

export default defineConfig({ ...base, test: { ...base.test, include: area.tests } });
