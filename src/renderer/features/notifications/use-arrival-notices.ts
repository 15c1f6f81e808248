import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { kvue } from '../../api/kvue';
import { noticesFor, type Notice } from './notify';

export interface ArrivalNoticeOptions {
  doNotDisturb: boolean;
  /** The conversation on screen, or null (another area shown, or none open). */
  shownConversation: () => string | null;
  /** A click on a notice: bring the console forward and open this (or the messages area). */
  open: (conversationId: string | null) => void;
}

/**
 * Desktop notices for arriving direct and urgent messages, through the Web Notifications API: in
 * Electron that is the operating system's notification (main allows the permission for the
 * console's own pages only); through the browser host, the browser's.
 */
export function useArrivalNotices(options: ArrivalNoticeOptions) {
  const { t } = useTranslation();
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    if (typeof Notification === 'undefined') return;
    // Browsers ask only in answer to a user's action: the first click anywhere asks once.
    const ask = () => {
      if (Notification.permission === 'default') void Notification.requestPermission();
    };
    window.addEventListener('pointerdown', ask, { once: true });
    return () => window.removeEventListener('pointerdown', ask);
  }, []);

  useEffect(() => {
    const show = (notice: Notice) => {
      const { title, body, tag, conversationId } =
        notice.kind === 'single'
          ? {
              title: notice.urgent
                ? t('notifications.urgent', { title: notice.arrival.conversationTitle })
                : notice.arrival.conversationTitle,
              body:
                notice.arrival.conversationKind === 'direct'
                  ? notice.arrival.excerpt
                  : `${notice.arrival.senderName}: ${notice.arrival.excerpt}`,
              tag: notice.arrival.messageId,
              conversationId: notice.arrival.conversationId,
            }
          : {
              title: t('notifications.many', { count: notice.count }),
              body: t('notifications.manyBody', { count: notice.conversations }),
              tag: 'kvue-arrivals',
              conversationId: notice.conversationId,
            };
      const shown = new Notification(title, { body, tag, lang: t('notifications.lang') });
      shown.onclick = () => {
        window.focus();
        latest.current.open(conversationId);
        shown.close();
      };
    };
    return kvue.on('messages.arrived', ({ messages }) => {
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
      const { doNotDisturb, shownConversation } = latest.current;
      const watching = document.hasFocus() ? shownConversation() : null;
      for (const notice of noticesFor(messages, { doNotDisturb, watching })) show(notice);
    });
  }, [t]);
}
