import type { Preview } from '@storybook/react-vite';
import '../src/react/styles.css';

const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
  globalTypes: {
    theme: {
      description: 'Colour scheme of the talkwire theme',
      toolbar: { title: 'Theme', items: ['auto', 'light', 'dark'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'auto' },
  decorators: [
    (Story, context) => {
      const theme = context.globals['theme'] as string | undefined;
      if (typeof document !== 'undefined') {
        if (theme === 'light' || theme === 'dark') document.documentElement.dataset['theme'] = theme;
        else delete document.documentElement.dataset['theme'];
      }
      return <Story />;
    },
  ],
};

export default preview;
