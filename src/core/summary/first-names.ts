// Common given names (English-speaking, European, South and East Asian, African, Latin American),
// lower-case: enough to tell "Priya Natarajan pushed" and "Tom restarted" from "Engineering
// restarted" when the organisation has no roster. Names that are also ordinary English words
// ("Will", "Mark", "Grace") are left out: words.ts knows them, and a name-shaped guess on them would
// be noise.
const NAMES = `
aaron abdul adam adrian ahmed aidan aisha alan alberto alex alexander alexandra alexis ali alice alicia amanda amir amit
amy ana anand andre andrea andreas andrew andy angela anil anita ankit ann anna anne anthony anton antonio anya arjun
arthur arun ashley aya ayesha barbara ben benjamin beth bianca boris brandon brian bruno caleb camila carl carla carlos
carmen caroline catherine charles charlie chen chloe chris christian christina christopher claire claudia colin connor
craig cristina dan daniel daniela danielle david deepak denis dennis derek diana diego dmitri dominic donna doug dylan
ed eddie eduardo elena eli elias elizabeth ella ellen emily emma eric erik ethan eva evan fatima felipe felix fernando
florian francesca francisco frederik gabriel gabriela gareth gary george georgia giovanni greg gregory hannah hans hao
harry hassan heidi helen henrik henry hiro hiroshi hugo ian igor ingrid irina isaac isabel isabella ivan jacob
jake james jamie jane janet jason javier jay jeff jennifer jeremy jessica jin joanna joe joel johan john jon
jonathan jorge jose joseph josh joshua juan julia julian julie justin kai karen karim karl kate katie kavya keith
kelly ken kenji kevin kim kiran klaus kumar kyle laura lauren leo leon liam lin linda lisa liu logan lorenzo louis
lucas lucia luis luke maria mariana marie marina mario marta martin mary matt matteo matthew maya mehmet mei melissa
mia michael michelle miguel mike mohamed mohammed monica nadia naomi natalia natasha nathan neha nick nicolas nikhil
nina noah noor olga oliver olivia omar oscar owen pablo paolo patrick paul paula pedro peter philip pierre pooja
pradeep priya rachel rafael rahul raj rajesh ram ramesh rebecca ricardo richard robert roberto rohan ryan sachin
sam samantha samuel sandra sanjay sara sarah satoshi scott sean sebastian sergei sergey shreya simon sofia sonia
sophie stefan stephanie steve steven sudhir sunil susan suresh takeshi tanya thomas tim timothy tobias tom tomas
tomasz trevor valentina vanessa vikram viktor vincent vivek wei william xavier yan yang yasmin yuki yusuf
zach zhang zoe
`;

export const FIRST_NAMES: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter(Boolean));
