// Every kernel this project adds to or replaces in the wasm backend, registered in one call.

import { registerBatchMatMulWasm } from './batchMatMulWasm';
import { registerBatchNormWasm } from './batchNormWasm';
import { registerConv2dBackpropFilterWasm } from './conv2dBackpropFilterWasm';
import { registerConv2dBackpropInputWasm } from './conv2dBackpropInputWasm';
import { registerFusedWasm } from './fusedWasm';
import { registerIdentityWasm } from './identityWasm';
import { registerMaxPoolGradWasm } from './maxPoolGradWasm';
import { registerSumWasm } from './sumWasm';

/**
 * Stock tfjs-backend-wasm cannot train a conv layer (no Conv2DBackpropFilter) and runs the
 * backward pass's other heavy kernels as scalar loops; these put them on XNNPACK or leaner
 * loops. Call before the wasm backend starts; calling again changes nothing.
 */
export function registerWasmKernels(): void {
  registerConv2dBackpropFilterWasm();
  registerConv2dBackpropInputWasm();
  registerBatchMatMulWasm();
  registerMaxPoolGradWasm();
  registerIdentityWasm();
  registerSumWasm();
  registerFusedWasm();
  registerBatchNormWasm();
}
