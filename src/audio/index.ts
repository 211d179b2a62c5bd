/** The audio layer: the per-session engine, device helpers and the PCM/level math it is built on. */
export {
  createAudioEngine,
  defaultMicWorkletUrl,
  type AudioEngine,
  type AudioEngineOptions,
  type AudioEngineTimers,
  type PcmListener,
} from './AudioEngine.js';
export { computePeak, computeRms, levelToMeter, smoothLevel } from './levels.js';
export { floatToPcm16, floatToPcm16Sample, pcm16ToFloat } from './pcm16.js';
export { StreamingResampler } from './StreamingResampler.js';
export { base64ToPcm16, decodeBase64, encodeBase64, pcm16ToBase64 } from './base64.js';
export { MIC_PROCESSOR_NAME, type MicProcessorOptions } from './worklets/micProcessorProtocol.js';
export {
  compareAudioDevices,
  listAudioDevices,
  queryMicPermission,
  setOutputDevice,
  supportsOutputSelection,
  switchMicrophone,
  watchAudioDevices,
  watchMicPermission,
  type AudioDeviceChange,
  type AudioDeviceList,
  type MediaDevicesLike,
  type MicPermissionEnvironment,
} from './devices.js';
