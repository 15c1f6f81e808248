import { createContext, useContext } from 'react';

/** Moving between the console's areas from deep inside one (a case pane, a notice). */
export interface Navigation {
  /** Shows the messages area with this conversation open (null: the area as it was). */
  openConversation: (conversationId: string | null) => void;
}

export const NavigationContext = createContext<Navigation | null>(null);

/** The navigation, or null where the component is shown outside the console's shell. */
export function useNavigation(): Navigation | null {
  return useContext(NavigationContext);
}
