import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  makeStyles,
} from '@fluentui/react-components';
import { LockClosedRegular, PersonRegular, SignOutRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useLock, useSession, useSignOut } from '../../api/use-session';

const useStyles = makeStyles({
  trigger: { maxWidth: '220px', whiteSpace: 'nowrap' },
  name: { overflow: 'hidden', textOverflow: 'ellipsis' },
});

/** Who is signed in, with locking (also Ctrl+Shift+L) and signing out. */
export function SessionMenu() {
  const { t } = useTranslation();
  const styles = useStyles();
  const session = useSession();
  const lock = useLock();
  const signOut = useSignOut();
  const name = session.data?.displayName ?? session.data?.username ?? '';
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button
          appearance="subtle"
          size="small"
          icon={<PersonRegular />}
          className={styles.trigger}
          aria-label={t('session.menu', { name })}
          data-testid="session-menu"
        >
          <span className={styles.name}>{name}</span>
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem
            icon={<LockClosedRegular />}
            secondaryContent={t('session.lockShortcut')}
            onClick={() => lock.mutate()}
            data-testid="session-lock"
          >
            {t('session.lock')}
          </MenuItem>
          <MenuItem
            icon={<SignOutRegular />}
            onClick={() => signOut.mutate()}
            data-testid="session-sign-out"
          >
            {t('session.signOut')}
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
