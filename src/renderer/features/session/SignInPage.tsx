import {
  Button,
  Field,
  Input,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { LockClosedRegular, PersonRegular } from '@fluentui/react-icons';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo, SessionRefusal } from '../../../shared/contract';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useSignIn, useSignOut, useUnlock } from '../../api/use-session';

const useStyles = makeStyles({
  page: {
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    backgroundColor: tokens.colorNeutralBackground2,
    position: 'relative',
  },
  language: {
    position: 'absolute',
    top: tokens.spacingVerticalM,
    right: tokens.spacingHorizontalL,
  },
  card: {
    width: '380px',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow8,
  },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  appName: { color: tokens.colorBrandForeground1 },
  heading: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    margin: 0,
  },
  icon: { fontSize: '24px', color: tokens.colorNeutralForeground3 },
  server: { color: tokens.colorNeutralForeground3, wordBreak: 'break-all' },
  actions: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
});

/** The login screen, or the lock screen while a session is locked. */
export function SignInPage({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const locked = info.state === 'locked';
  return (
    <div className={styles.page}>
      <div className={styles.language}>
        <LanguageSwitch />
      </div>
      <main className={styles.card} data-testid={locked ? 'lock-screen' : 'login-screen'}>
        <Text weight="semibold" size={400} className={styles.appName}>
          {t('app.name')}
        </Text>
        <h1 className={styles.heading}>
          {locked ? (
            <LockClosedRegular className={styles.icon} aria-hidden />
          ) : (
            <PersonRegular className={styles.icon} aria-hidden />
          )}
          <Text size={600} weight="semibold">
            {locked ? t('session.lockedTitle') : t('session.signInTitle')}
          </Text>
        </h1>
        {locked ? <UnlockForm info={info} /> : <LoginForm info={info} />}
        <Text size={200} className={styles.server}>
          {t('session.server', { server: info.serverUrl })}
        </Text>
      </main>
    </div>
  );
}

function useRefusalText() {
  const { t } = useTranslation();
  return (refused: SessionRefusal): string => {
    if (refused.reason === 'login_locked') {
      return refused.retryAfterSeconds
        ? t('session.refused.login_locked', {
            minutes: Math.max(1, Math.ceil(refused.retryAfterSeconds / 60)),
          })
        : t('session.refused.login_locked_later');
    }
    return t(`session.refused.${refused.reason}`);
  };
}

function Problem({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <MessageBar intent="error" layout="multiline" role="alert" data-testid="session-problem">
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}

function LoginForm({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const refusalText = useRefusalText();
  const signIn = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [tried, setTried] = useState(false);

  const refused = signIn.data?.refused ?? null;
  const problem = signIn.error
    ? t('session.failed', { error: signIn.error.message })
    : refused
      ? refusalText(refused)
      : info.ended && !signIn.data
        ? t(`session.ended.${info.ended}`)
        : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!username.trim() || !password || signIn.isPending) return;
    signIn.mutate(
      { username: username.trim(), password },
      // A refused password is typed again, never left in the field; the refusal says why, so
      // the empty field is not marked as missing on top of it.
      {
        onSettled: () => {
          setPassword('');
          setTried(false);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <div className={styles.form}>
        <Text>{t('session.signInIntro')}</Text>
        <Problem text={problem} />
        <Field
          label={t('session.username')}
          required
          validationMessage={tried && !username.trim() ? t('session.required') : undefined}
        >
          <Input
            value={username}
            onChange={(_event, data) => setUsername(data.value)}
            autoComplete="username"
            autoFocus
            data-testid="login-username"
          />
        </Field>
        <Field
          label={t('session.password')}
          required
          validationMessage={tried && !password ? t('session.required') : undefined}
        >
          <Input
            type="password"
            value={password}
            onChange={(_event, data) => setPassword(data.value)}
            autoComplete="current-password"
            data-testid="login-password"
          />
        </Field>
        <div className={styles.actions}>
          <Button
            type="submit"
            appearance="primary"
            disabled={signIn.isPending}
            icon={signIn.isPending ? <Spinner size="tiny" /> : undefined}
            data-testid="login-submit"
          >
            {signIn.isPending ? t('session.signingIn') : t('session.signIn')}
          </Button>
        </div>
      </div>
    </form>
  );
}

function UnlockForm({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const refusalText = useRefusalText();
  const unlock = useUnlock();
  const signOut = useSignOut();
  const [password, setPassword] = useState('');
  const [tried, setTried] = useState(false);
  const name = info.displayName
    ? `${info.displayName} (${info.username ?? ''})`
    : (info.username ?? '');

  const refused = unlock.data?.refused ?? null;
  const problem = unlock.error
    ? t('session.failed', { error: unlock.error.message })
    : refused
      ? refusalText(refused)
      : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!password || unlock.isPending) return;
    unlock.mutate(password, {
      onSettled: () => {
        setPassword('');
        setTried(false);
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <div className={styles.form}>
        <Text>{t('session.lockedIntro', { name })}</Text>
        <Problem text={problem} />
        <Field
          label={t('session.password')}
          required
          validationMessage={tried && !password ? t('session.required') : undefined}
        >
          <Input
            type="password"
            value={password}
            onChange={(_event, data) => setPassword(data.value)}
            autoComplete="current-password"
            autoFocus
            data-testid="unlock-password"
          />
        </Field>
        <div className={styles.actions}>
          <Button
            type="submit"
            appearance="primary"
            disabled={unlock.isPending}
            icon={unlock.isPending ? <Spinner size="tiny" /> : undefined}
            data-testid="unlock-submit"
          >
            {unlock.isPending ? t('session.unlocking') : t('session.unlock')}
          </Button>
          <Link
            as="button"
            type="button"
            onClick={() => signOut.mutate()}
            disabled={signOut.isPending}
            data-testid="unlock-sign-out"
          >
            {t('session.otherUser')}
          </Link>
        </div>
      </div>
    </form>
  );
}
