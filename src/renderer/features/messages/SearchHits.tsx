import { Spinner, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageHit } from '../../../shared/contract';
import { useMessageSearch } from '../../api/use-messages';
import { useFormat } from '../../i18n/use-format';
import { useListboxKeys, useListStyles } from './ConversationList';

export interface SearchHitsProps {
  query: string;
  onOpen: (hit: MessageHit) => void;
}

/** Messages matching the search, newest first; choosing one opens its conversation at it. */
export function SearchHits({ query, onOpen }: SearchHitsProps) {
  const { t } = useTranslation();
  const styles = useListStyles();
  const format = useFormat();
  const search = useMessageSearch(query);
  const hits = search.data?.hits ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const chosenIndex = hits.findIndex((hit) => hit.messageId === chosen);
  const { ref: listRef, onKeyDown } = useListboxKeys(hits.length, chosenIndex, (i) => {
    const hit = hits[i];
    if (!hit) return;
    setChosen(hit.messageId);
    onOpen(hit);
  });
  const now = new Date();

  if (search.isError) {
    return <Text className={styles.empty}>{t('messages.search.error')}</Text>;
  }
  if (!search.data) {
    return <Spinner size="tiny" className={styles.empty} />;
  }
  if (hits.length === 0) {
    return (
      <Text className={styles.empty}>{t('messages.search.noHits', { query: query.trim() })}</Text>
    );
  }
  return (
    <div
      ref={listRef}
      role="listbox"
      aria-label={t('messages.search.hits', { count: hits.length })}
      className={styles.list}
      onKeyDown={onKeyDown}
      data-testid="message-hits"
    >
      {hits.map((hit, i) => (
        <div
          key={hit.messageId}
          role="option"
          aria-selected={hit.messageId === chosen}
          tabIndex={hit.messageId === chosen || (chosenIndex === -1 && i === 0) ? 0 : -1}
          className={styles.item}
          onClick={() => {
            setChosen(hit.messageId);
            onOpen(hit);
          }}
          data-testid="message-hit"
        >
          <span />
          <Text className={styles.title}>{hit.conversationTitle}</Text>
          <Text size={200} className={styles.stamp}>
            {format.stamp(hit.sentAt, now)}
          </Text>
          <Text size={200} className={styles.excerpt}>
            {`${hit.senderName}: ${hit.excerpt}`}
          </Text>
          <span />
        </div>
      ))}
    </div>
  );
}
