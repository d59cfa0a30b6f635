// Every domain whose module defines commands, imported once so that each command is registered before a
// handler table or a centre is built. A new domain adds one line here; a new command in a domain, none.
import '../meetings/meeting-prepare';
import '../meetings/meeting-session';
import '../meetings/meeting-close';
import '../notices/notice-batches';
import '../spotchecks/draws';
import '../spotchecks/inspection';
import '../settings/settings';
import '../regions/offices';
import '../cases/intake';
import '../cases/investigation';
import '../cases/record-commands';
import '../cases/household-edits';
import '../cases/review-cases';
import '../corrections/corrections';
import '../cases/record-death';
import '../cases/record-follow-up';
import '../imports/import-command';
import '../imports/mappings';
import '../roster/roster-send';
import '../standards/standards';

export { allCommands, commandNamed, commandLabel } from './command';
