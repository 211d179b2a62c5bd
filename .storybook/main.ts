import type { StorybookConfig } from '@storybook/react-vite';

// Storybook must start offline: no telemetry, no update checks.
process.env.STORYBOOK_DISABLE_TELEMETRY ??= '1';

/**
 * The live Playground needs the key endpoint (`/api/realtime-session`) and the config endpoint
 * (`/api/realtime-config`) on this dev server: `realtimeDevServer()` mounts both, against a local Realtime
 * emulator it starts, or against OpenAI when OPENAI_API_KEY is set.
 */
const PLAYGROUND_PLUGIN_MODULE = '../src/testing/realtimeDevServer.ts';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  framework: {
    name: '@storybook/react-vite',
    options: { builder: { viteConfigPath: '.storybook/vite.config.ts' } },
  },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // No onboarding checklist in the sidebar: the stories are the guide.
  features: { sidebarOnboardingChecklist: false },
  async viteFinal(viteConfig) {
    try {
      const mod = (await import(PLAYGROUND_PLUGIN_MODULE)) as { realtimeDevServer: () => unknown };
      viteConfig.plugins = [...(viteConfig.plugins ?? []), mod.realtimeDevServer() as never];
    } catch (error) {
      console.warn(
        `talkwire: playground plugin not loaded (${(error as Error).message}); the Playground story will not connect.`,
      );
    }
    return viteConfig;
  },
};

export default config;
