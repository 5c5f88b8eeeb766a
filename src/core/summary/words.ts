// Ordinary English words that are also people's names, codenames or product names. A lexicon term
// that is one of these matches only as a proper noun (see lexicon.ts), so "will", "may" and
// "gateway" in plain prose never look like a leak.

const MONTHS =
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec';
const DAYS = 'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun';

const NAMELIKE = `
will mark bill grace hope joy faith rose iris lily ivy daisy dawn summer autumn winter spring amber crystal pearl ruby
jade sky river brook bay dale glen cliff chase hunter mason cooper carter baker smith miller turner walker young king long
brown green white black gray grey wood woods hill hills stone field fields park lee rich frank earnest sterling max pat sue
jack bob rob art drew ray gene guy don dean miles case page price reed bush lane ward banks fox wolf bird crane swan lamb
booth hall marsh moss pool rice sharp short strong wells west north south east little small best good noble just love dear
child mills summers major rusty sandy misty penny holly heather forest storm rain sunny star angel bishop knight pope earl
duke prince baron marshal judge sage melody harmony honey candy ginny sable cash gill hale lowe nash gates rivers ross ash
dusty chance chip hank norm sonny buck dick jim jimmy rod tony wade win victor
van val vance cole hart holt house mann moore more pike pitt port post shaw snow stark steel tate vale wall waters
webb wise york pierce porter parker fisher fletcher foster gardner hayes hudson hughes jordan lewis mercer mitchell morgan
palmer paris patience pepper piper poppy reign remy rocky rowan scout shepherd skip slim spencer taylor tucker tyler
`;

const EVERYDAY = `
a an the and or but if then so as at by for from in into of on onto out over to up with within without about above after
again against all also am any are around be because been before being below between both can could did do does doing down
during each few further had has have having he her here hers him his how i is it its itself let me most my no nor not now
off once only other our ours ourselves own same she should some such than that their theirs them themselves there these
they this those through too under until very was we were what when where which while who whom why would you your yours
new old first last next back still even well way day days time times week weeks month months year years hour hours minute
minutes second seconds today yesterday tomorrow morning evening night noon midnight early late soon
service services system systems platform product products customer customers user users account accounts team teams
api apis app apps web site pages status update updates change changes issue issues problem problems error errors
request requests response responses traffic load capacity latency region regions zone zones cluster clusters node nodes
server servers database databases cache caches queue queues network networks storage disk memory cpu job jobs worker workers
deploy deploys deployment deployments release releases build builds rollout rollback config configuration feature features
flag flags alert alerts alerting monitor monitors monitoring dashboard dashboards log logs metric metrics trace traces
incident incidents outage outages degradation impact affected recovery recovered resolved fix fixed patch patched
gateway bridge beacon lighthouse harbor harbour anchor compass atlas orbit rocket comet meteor nova nebula galaxy planet
mercury venus mars jupiter saturn neptune pluto apollo gemini titan phoenix falcon eagle hawk raven sparrow robin
lion tiger bear panther jaguar cobra python viper dragon hydra kraken unicorn pegasus griffin sphinx
linear render notion slack sentry harness flux drone semaphore bamboo chef puppet segment split height outline guru slab
coda twist flock observe cortex axiom tempo graphite honeycomb railway concourse renovate cypress backstage obsidian
blameless sleuth shortcut clubhouse intercom discord mantis waypoint rancher retool loom quip tableau amplitude unleash
signal pulse spark ember flame blaze frost ice fire water earth wind air cloud clouds thunder lightning
core edge hub link mesh net grid stack pipe pipeline stream streams engine engines portal vault shield guard sentinel
keeper watcher ranger pilot captain admiral general
plan plans tier tiers free pro plus premium basic standard enterprise business growth starter
central global local remote primary secondary main master default
`;

const COMMON = new Set(`${MONTHS} ${DAYS} ${NAMELIKE} ${EVERYDAY}`.split(/\s+/).filter(Boolean));

export const MONTH_WORDS = new Set(MONTHS.split(' '));
export const DAY_WORDS = new Set(DAYS.split(' '));

export function isCommonWord(word: string): boolean {
  return COMMON.has(word.toLowerCase());
}
