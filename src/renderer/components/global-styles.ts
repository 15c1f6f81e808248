import { makeStaticStyles } from '@fluentui/react-components';

/**
 * The page frame: the app fills the window and scrolls only inside the list. Set through Griffel
 * because index.html carries no inline styles (CSP).
 */
export const useGlobalStyles = makeStaticStyles({
  'html, body, #root': {
    height: '100%',
    margin: 0,
  },
  body: {
    overflow: 'hidden',
  },
});
