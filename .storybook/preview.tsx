import type { Preview } from '@storybook/react-vite';
import '../src/react/styles.css';
import './preview.css';

const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
  globalTypes: {
    theme: {
      description: 'Colour scheme of the talkwire theme (auto follows the OS)',
      toolbar: { title: 'Theme', items: ['auto', 'light', 'dark'], dynamicTitle: true },
    },
    dir: {
      description: 'Text direction',
      toolbar: { title: 'Direction', items: ['ltr', 'rtl'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'auto', dir: 'ltr' },
  decorators: [
    (Story, context) => {
      const theme = context.globals['theme'] as string | undefined;
      if (typeof document !== 'undefined') {
        // On the page root, as an app would set it: the whole preview, talkwire included, follows.
        if (theme === 'light' || theme === 'dark') document.documentElement.dataset['theme'] = theme;
        else delete document.documentElement.dataset['theme'];
        document.documentElement.dir = context.globals['dir'] === 'rtl' ? 'rtl' : 'ltr';
      }
      return <Story />;
    },
  ],
};

export default preview;
