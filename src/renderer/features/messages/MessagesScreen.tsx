import {
  makeStyles,
  mergeClasses,
  SearchBox,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageHit } from '../../../shared/contract';
import { useConversations } from '../../api/use-messages';
import { inDialog, isTextEntry } from '../../components/keys';
import { lazyWithPreload } from '../../components/lazy';
import { usePanelStyles } from '../../components/panel-styles';
import type { CasePaneItem } from '../case-pane/CasePane';
import { ConversationList } from './ConversationList';
import { ConversationView } from './ConversationView';
import { SearchHits } from './SearchHits';

const casePane = lazyWithPreload(async () => (await import('../case-pane/CasePane')).CasePane);
const CasePane = casePane.Component;

const useStyles = makeStyles({
  root: {
    flexGrow: 1,
    minHeight: 0,
    display: 'flex',
    gap: tokens.spacingHorizontalS,
  },
  side: { width: '320px', flexShrink: 0 },
  // With a case open beside the conversation, a narrow window gives the list's room to both.
  sideYieldsToCase: {
    '@media (max-width: 1279px)': { display: 'none' },
  },
  search: {
    padding: tokens.spacingHorizontalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  searchBox: { width: '100%', maxWidth: 'none' },
  hint: { color: tokens.colorNeutralForeground3, paddingTop: tokens.spacingVerticalXXS },
  placeholder: {
    flexGrow: 1,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    color: tokens.colorNeutralForeground3,
  },
  message: { padding: tokens.spacingHorizontalM },
});

/**
 * The messages area: the conversations (or, while searching, the matching messages) on the left,
 * the open conversation beside them, and a case opened from a message on the right.
 */
export interface MessagesScreenProps {
  active: boolean;
  /** Open this conversation (a click on a desktop notice); a new `at` asks again. */
  request?: { id: string; at: number } | null;
  /** The conversation on screen now, for notices not to repeat what the user reads. */
  onShownChange?: (conversationId: string | null) => void;
}

export function MessagesScreen({ active, request = null, onShownChange }: MessagesScreenProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const panel = usePanelStyles();
  const conversations = useConversations();
  const items = conversations.data?.items ?? [];
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [target, setTarget] = useState<{ position: number; messageId: string } | null>(null);
  const [query, setQuery] = useState('');
  const [openCase, setOpenCase] = useState<CasePaneItem | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  // The most recently active conversation opens unless the clerk chose one.
  const selected = items.find((item) => item.id === chosenId) ?? (chosenId ? undefined : items[0]);
  const searching = query.trim().length >= 2;

  const [handledRequest, setHandledRequest] = useState<number | null>(null);
  if (request && request.at !== handledRequest) {
    // Adjusted while rendering (React's pattern for state that follows a prop).
    setHandledRequest(request.at);
    setChosenId(request.id);
    setTarget(null);
    setQuery('');
  }
  const shownId = selected?.id ?? null;
  useEffect(() => {
    onShownChange?.(shownId);
  }, [shownId, onShownChange]);

  const choose = (id: string) => {
    setChosenId(id);
    setTarget(null);
  };
  const openHit = (hit: MessageHit) => {
    setChosenId(hit.conversationId);
    setTarget({ position: hit.position, messageId: hit.messageId });
  };

  const caseOpen = useRef(false);
  useEffect(() => {
    caseOpen.current = openCase !== null;
  }, [openCase]);
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || inDialog(event.target)) return;
      if (event.key === 'Escape') {
        // Closes a case opened from a message (the search and the reply use Escape first).
        if (!caseOpen.current) return;
        event.preventDefault();
        setOpenCase(null);
        return;
      }
      const ctrl = event.ctrlKey || event.metaKey;
      const find = ctrl && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'f';
      if (find || (event.key === '/' && !ctrl && !event.altKey && !isTextEntry(event.target))) {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [active]);

  return (
    <section className={styles.root} aria-label={t('nav.messages')} data-testid="messages-screen">
      <div
        className={mergeClasses(
          panel.panel,
          styles.side,
          openCase !== null && styles.sideYieldsToCase,
        )}
      >
        <div className={styles.search}>
          <SearchBox
            ref={searchRef}
            className={styles.searchBox}
            size="small"
            value={query}
            onChange={(_event, data) => setQuery(data.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && query !== '') {
                event.preventDefault();
                setQuery('');
              }
            }}
            placeholder={t('messages.search.placeholder')}
            aria-label={t('messages.search.label')}
            data-testid="message-search"
          />
          <Text size={100} className={styles.hint} as="p">
            {t('messages.search.hint')}
          </Text>
        </div>
        {searching ? (
          <SearchHits query={query} onOpen={openHit} />
        ) : conversations.isPending ? (
          <Spinner size="tiny" className={styles.message} />
        ) : conversations.isError ? (
          <Text className={styles.message}>{t('messages.list.error')}</Text>
        ) : (
          <ConversationList items={items} selectedId={selected?.id ?? null} onSelect={choose} />
        )}
      </div>
      {selected ? (
        <ConversationView
          key={selected.id}
          conversation={selected}
          active={active}
          target={target}
          onOpenCase={setOpenCase}
        />
      ) : (
        <div className={styles.placeholder}>
          {items.length > 0 && <Text>{t('messages.view.choose')}</Text>}
        </div>
      )}
      {openCase && (
        <Suspense fallback={null}>
          <CasePane item={openCase} onClose={() => setOpenCase(null)} />
        </Suspense>
      )}
    </section>
  );
}
