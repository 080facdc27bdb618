import { openBackend } from './index.js';
import { describeConformance } from './testing/conformance.js';

describeConformance('memory', (opts) => openBackend('memory://', { ...opts, autoCompact: false }));
