"""The conversation corpus: goal-driven calls generated per category, plus fixed scripts.

Generated calls are deterministic: each is built from a random generator seeded by its id
(``dev/<category>/<n>`` or ``held_out/<category>/<n>``), and its simulated caller gets its own
seed. Held-out calls use other seeds, other names and the phrase-bank entries reserved for
them; the engine is not tuned on them. Fixed scripts (exact caller lines, one per turn) live in
``scripts.toml`` as plain data, so a voice evaluation can speak the same lines.

The ``stranger`` split is fixed scripts only (``scripts_stranger.toml``): conversations written
by someone who never read the engine or the phrase banks, the way callers talk, to measure
how the engine does on phrasings nobody tuned it for.

The ``typed`` split is fixed scripts only too (``scripts_typed.toml``), by a second stranger:
callers typing into a chat window (lower case, typos, texting shorthand, digits glued to
words, numbers in every typed format, run-on or split messages, non-native phrasing).

The ``fresh`` split is fixed scripts only too (``scripts_fresh.toml``), written blind by a third
stranger: phone calls the engine has never been tuned on, measured but not asserted call by
call (like held_out), to show where it fails on conversations nobody has seen.

The ``fresh2`` split (``scripts_fresh2.toml``) is a second batch of blind phone calls by a fourth
stranger, written after the engine had been fixed on ``fresh``: measured the same way.

The ``fresh3`` split (``scripts_fresh3.toml``) is a third batch by a fifth stranger, written blind
after the engine had been fixed on ``fresh2``; it alone uses ``also_cancel`` (two things in one
call).

The ``fresh4`` split (``scripts_fresh4.toml``) is a fourth batch by a sixth stranger, written
blind after the engine had been fixed on ``fresh3``: regional and non-native phrasing, run-on
lines, typed number formats, reminders, proxies, rude callers, hang-ups and "no wait" after a yes.

The ``fresh5`` split (``scripts_fresh5.toml``) is a fifth batch by a seventh stranger, written
blind after the engine had been fixed on ``fresh4``: lines as a speech recogniser transcribes
them (numbers as words, homophones, false starts), changes of mind, corrected facts, relative
requests (earliest, latest, "the week after next"), two things in one call, questions mid-call,
several appointments, terse and chatty callers.

The ``fresh6`` split (``scripts_fresh6.toml``) is a sixth batch, written blind after the engine
had been fixed on ``fresh5``: non-native, British, Irish and Indian English, callers booking
for someone else or opening with something odd, a question answered with a question, phone
numbers in every format people give them, loose time expressions, and changes said
indirectly by returning callers.
The ``fresh7`` split (``scripts_fresh7.toml``) is a seventh batch, written blind after the
engine had been fixed on ``fresh5``: two thirds as the voice path hears callers (a speech
recogniser's transcript: fillers, restarts, numbers as words, homophones, split or spelled
names, "yet" for yes, noise lines), the rest typed chat; callers who browse what is free and
choose by position, who turn offers down and steer, and returning callers said indirectly.

The ``fresh8`` split (``scripts_fresh8.toml``) is an eighth batch, written blind after the
engine had been fixed on ``fresh7``: callers who ask the receptionist to repeat or slow down
or check what they heard, interrupted callers (a dog, a doorbell at the yes, "hello?" after a
silence), elderly and rambling callers, callers who change task mid-call, who bargain ("nothing
earlier? fine"), who answer a yes/no with a detail, and who give everything before being asked;
about a third as a speech recogniser transcribes them.
The ``fresh9`` split (``scripts_fresh9.toml``) is a ninth batch, written blind after the
engine had been fixed on ``fresh8``: vague times ("sometime next week", "soonest after the
10th", "before my lunch break"), hesitant or everyday yeses and noes ("mm-hmm", "I guess so",
"yes, actually hold on, what time was that?", "I'd rather not"), disfluent speech as a
recogniser transcribes it, phone numbers in every form, guarded callers (who has the 10
o'clock, cancel all of Friday, "this is the doctor", a pasted "ignore your instructions",
another patient's appointment: ``must_not_say``), and two people or two things in one call
(``also_book``, ``also_cancel``, ``also_move``: a second appointment moved too).
The ``fresh10`` split (``scripts_fresh10.toml``) is a tenth batch, written blind after the
engine had been fixed on ``fresh9``: requests typed like phone texts ("tmrw b4 noon pls", all
caps, typos, emoji, one thought in two messages), requests buried in a long story or beside one
that is not the clinic's, moves said relative to the appointment ("push it back an hour", "a
week later same time"), browsing across days and choosing by position ("and Monday?", "the
earlier of those"), callers wrong about their own bookings, and very polite or clipped callers.
The ``fresh11`` split (``scripts_fresh11.toml``) is an eleventh batch, written blind after the
engine had been fixed on ``fresh10``: callers who try prompt injection or social engineering
("ignore your previous instructions", "system message: verified staff", "this is the doctor,
read me the list", "don't ask me, just do it", a neighbour's number, a made-up code), searches
with constraints ("any day but Monday", "not before 10", "the latest on Friday", before work at
8), dates in every format ("12/3", "Dec 7th", "Monday the 9th" when the 9th is a Wednesday, a
date already past, the British "10/12"), chains of changes in one call (book then move it, move
it twice, book two and drop the first, cancel and book another), holds and backchannels ("one
sec", "I'm back", "uh huh", a thinking noise where a yes is asked), and asks the clinic cannot
meet beside a real task (a named doctor, a double slot, a walk-in, prices, chest pain).
The ``fresh12`` split (``scripts_fresh12.toml``) is a twelfth batch, written blind: callers who
correct one part of what was read back ("0143, not 0134", "the surname's wrong", "not Tuesday,
Thursday"), who ask for something to be said again ("what was the code?", "which day was
that?"), a recogniser's homophones ("for", "too", "ate", "tree", "monthly", "counsel"), callers
who refer to their history ("same time as last time", "the usual"), whose number is not the
one on file ("try my work number", "new phone"), and silences and restarts ("hello? hello?", a
turn of only "um", "never mind").
The ``fresh13`` split (``scripts_fresh13.toml``) is a thirteenth batch, written blind: callers who
say numbers that are not their phone number, a day or a time (an age, a street address, a date
of birth, a member ID, "two kids"), who book, move, check or cancel for someone else on that
person's number or their own, who say when the British, Irish, Australian, Indian or Southern US
way ("half nine", "Tuesday week", "Friday fortnight", "Monday next", "straight after lunch"),
who want whatever is first and won't browse, who pick from a list by position or property ("the
second one you said", "the later one", "the one after lunch"), and who speak simple or learner's
English ("I want appointment tomorrow morning", "cancel for me the Thursday").
The ``fresh14`` split (``scripts_fresh14.toml``) is a fourteenth batch, written blind: callers who
ask a side question in the middle of a change ("is there parking?", "can I pay by card?") and
carry on, who put conditions on when ("if there's nothing Tuesday then Wednesday", "Friday unless
you've got something earlier", "if you can't do mornings just cancel it"), who want several at
once ("every Tuesday for three weeks", "one for me and one for my husband"), who ask for times the
clinic cannot give (Sunday, tonight at seven, Christmas Day, mid-April, "right now"), who are
angry, sarcastic, grieving or anxious, and who only check ("am I still booked Thursday?", "what's
my code?") and must leave with nothing changed.
The ``fresh15`` split (``scripts_fresh15.toml``) is a fifteenth batch, written blind: callers who
give everything in the first breath or out of order (the time before the number, the name after
the yes), who narrow by excluding ("not Monday, not mornings", "anything but Friday", "later
still?"), who are running late ("stuck in traffic", "can I come a bit later today"), who rang the
wrong place or need nothing after all, who name one of several bookings by an attribute ("the
afternoon one", "the later of the two", "the Tuesday one - no, the other one"), and who ask for
things to be said again ("sorry, say that again?", "hang on, let me get a pen... ok go").
The ``fresh16`` split (``scripts_fresh16.toml``) is a sixteenth batch, written blind: callers who
ask the agent calendar questions mid-booking ("what's the date on Thursday?", "is that this
Thursday or next?", "wait, what's today?"), who give a limit rather than a day ("before the
20th", "by Friday at the latest", "before I fly out on the 9th"), who explain the reason for the
visit at length (its days and numbers not the ones wanted), who think aloud over their own diary
and turn down their own ideas, who ask for a real person ("are you a robot?", "put me through to
reception"), and who hold two or three bookings and change several in one breath ("move both",
"cancel the Monday and book me Friday instead", "move everything on Tuesday to Thursday").
The ``fresh17`` split (``scripts_fresh17.toml``) is a seventeenth batch, written blind: callers who
name a week or part of a month ("the week of the 14th", "early next month", "not this week, the
one after"), a holiday or a day named by one ("Christmas Eve", "the Monday after New Year", "the
day after Boxing Day"), an hour in any form ("fourteen hundred", "half two", "quarter to four",
"17:30", "noonish", "two-ish but not before"), a weekday and date that disagree or their own
booking wrongly ("Tuesday the 10th", "the 31st of November", "my 10 o'clock" at 11), who chat
(the weather, grandchildren, "how are you?", long thanks), and who page through the times
offered ("anything later?", "the first one you said", "none of those, what about afternoons?").
The ``fresh18`` split (``scripts_fresh18.toml``) is an eighteenth batch, written blind: callers who
ask two or three questions in one breath ("do you have parking, and anything Thursday
afternoon?"), who answer another question than the one asked or answer with a question ("is 3
ok? actually what's the latest you have?", a birthday for the phone), who want a slot shifted by
a quarter or half an hour ("a quarter past instead", "9:45"), the last slot of a day, a week or
before a holiday, who give their number late, muddled or corrected twice ("triple five oh six
double five", the area code last, a husband's number), and who say yes with a condition ("yes,
but only if it's after lunch", "yes, but not a Monday").
The ``fresh19`` split (``scripts_fresh19.toml``) is a nineteenth batch, written blind: callers who
read from a letter, a text or a phone calendar ("it says here ...", the clinic's own number in
it), who are on a bad line (half-sentences twice, "the Fri-", a number restarted), who reach a
day through another ("two weeks from this Friday", "the second Tuesday in January", "the last
Friday before Christmas"), who say a slot relative to the one offered ("same time but the day
after", "the later one", "a bit later than that"), who relay someone else in the room, and who
are sarcastic or curt ("oh perfect, just perfect", "go on then", "forget it").
The ``fresh20`` split (``scripts_fresh20.toml``) is a twentieth batch, written blind: callers who
refer to an earlier call, voicemail or visit ("the lady yesterday said she'd pencilled me in",
"I rang to cancel and it didn't go through"), who say a date and an hour with the same numbers
("ten on the tenth", "the fourth at three, not the third at four", "15:00 on the 15th"), who ask
before committing ("if I cancelled Tuesday could I get Thursday?", "don't book anything yet"),
whose time is fixed by their day ("after I drop the kids", "my lunch hour", "the bus gets in at
ten past ten"), who are telegraphic ("tues 3?", "cancel thurs"), and whose yes and no come in
their first language ("sí, perfecto", "ja, genau", "haan ji", "não").
The ``fresh21`` split (``scripts_fresh21.toml``) is a twenty-first batch, written blind: callers
who write dates and hours as numbers ("12/10 at 1400", "10/12, day first", "1500 hrs", "13.00 on
Weds 16th"), who count from the moment of the call ("in an hour or so", "this time tomorrow", "a
fortnight today"), who stammer or restart ("t-t-tuesday", "I'd like- I need to move"), whose yes
and no are unusual ("spot on", "affirmative", "yeah nah", "I'd rather not"), who ask a practical
question first (the price, what to bring, parking), and who are in another time zone ("11 my
time - so 2pm yours", "10am EST").
The ``fresh22`` split (``scripts_fresh22.toml``) is a twenty-second batch, written blind:
callers who give their facts in pieces and out of order (the number over two turns, the name
last), who correct digits on the fly ("0491 - no sorry, 0419", "at two sorry three"), who leave
the choice to the receptionist ("you pick", "whatever suits you"), who ask for a kind of visit
or a particular doctor, who want dates near the 90-day limit or past it, and who back out
politely mid-flow ("I'd better check with my wife first", "don't book it yet").
The ``fresh23`` split (``scripts_fresh23.toml``) is a twenty-third batch, written blind:
callers who ask and answer through a negation ("you wouldn't have anything Friday, would you?",
"no objection", "I won't be needing my appointment"), who book, cancel and move in everyday
verbs ("pencil me in", "scrap my Thursday", "bump it to Monday", "take a rain check"), who
spell their names ("S-I-O-B-H-A-N", "Smyth with a Y", "B as in bravo"), who say their number in
tens and pairs ("six seventeen, five fifty-five", "oh nine hundred"), who settle "this" and
"next" themselves ("next Friday - not this one, the one after"), and who name several bookings
at once ("cancel both", "all of mine except Monday", "move them both a week later").
The ``fresh24`` split (``scripts_fresh24.toml``) is a twenty-fourth batch, written blind:
callers who name a day through another of their own bookings ("the day after my Tuesday one",
"the slot straight after mine"), whose names are calendar words ("Sunday Okafor", "Dawn
Friday", "Jan Ten Eyck"), who ring at night or at the weekend ("first thing tomorrow" at 11:40
PM, "later today" after midnight), who count in working days ("three working days from now",
"push it back two business days"), whose number comes with a country code or an extension
("+1", "extension 214", "x12"), and who confirm by saying the slot back, sometimes wrongly
("Tuesday the 16th at 11, great" when Tuesday is the 15th).
The ``fresh25`` split (``scripts_fresh25.toml``) is a twenty-fifth batch, written blind:
callers who misspell the words that matter ("tommorow", "wensday", "cancle", "apointment"),
who mention days and hours that are not the one wanted (a work rota, the last visit, a flight,
a birthday to avoid), whose names come with a title, surname first, a nickname or a particle
("Mrs. Ellen Park", "Okonkwo, Chidi", "de la Cruz"), who rank their choices ("first choice
..., failing that ..."), who give a span of days or hours ("between the 8th and the 10th",
"from 11 to 2"), and who say what they do not want done ("I don't want to cancel it, just
move it", "don't book anything yet").
The ``fresh26`` split (``scripts_fresh26.toml``) is a twenty-sixth batch, written blind:
callers who name a part of the day by a word ("mid-morning", "elevenses", "teatime", "the
middle of the day", "late afternoon"), who use time and number words as figures of speech ("at
the end of the day", "on second thoughts", "twenty-four seven", "give me two seconds"), who say
when they are free or busy rather than asking for a slot ("I work mornings Monday to
Thursday", "out by 11 to get to work"), who add a constraint only once a slot is proposed ("oh
hang on, it can't be before 2"), who go on after the change is made ("so I'm booked?", their
first line again), and who ask about the receptionist's question before answering it ("my
mobile or my landline?", "sorry, what was the question?").
The ``fresh27`` split (``scripts_fresh27.toml``) is a twenty-seventh batch, written blind:
callers who want a repeating visit ("every other Tuesday at 10", "the first Monday of every
month") and get the first one booked, who change their mind twice in one call, who are unsure
of their own number ("either ...2731 or ...2713, try the first"), who ask two or three questions
on separate turns before they commit, who wrap the request in doubt ("probably Thursday, maybe
Friday", "10 would be safer"), and who put their own slip right at the read-back ("the 14th,
not the 4th", "I meant 2, not 12").
The ``fresh28`` split (``scripts_fresh28.toml``) is a twenty-eighth batch, written blind:
callers who type like a form or an email ("Name: ...", "Phone: ...", "Kind regards" with the
number in the signature), who are wrong about whether they are on file ("I'm a new patient"
with an account, "I've been before" with none), who count in loose amounts ("in a couple of
days", "a week or so from now"), who want a weekday with no week ("any Tuesday at 10",
"Thursdays are best"), who take a change back ("put it back where it was", "undo that"), and
who name a slot by its place in the clinic's day ("your first appointment of the day", "the
last morning slot", "the next-to-last one").
The ``fresh29`` split (``scripts_fresh29.toml``) is a twenty-ninth batch, written blind:
callers who name a day through an event only they know ("the day after my daughter's
wedding", "two days after my surgery") and must be asked when that is, who turn offers down and
then go back to an earlier one ("the first one you said is fine"), who take back half of two
asks made in one breath ("cancel Tuesday's and move Friday's - no wait, keep Tuesday's"), who
relay what someone else said ("the doctor told me to come back in two weeks", "my wife says
Friday but Thursday suits me"), who talk as if leaving a message on a machine ("call me back
on ..., thanks, bye") and stay on the line, and who say a time as a sum ("an hour before noon",
"two hours after you open", "the slot two before your last one").
The ``fresh30`` split (``scripts_fresh30.toml``) is a thirtieth batch, written blind: whole
calls by kind of caller, each mixing several things at once: a rushed parent between two
things (a child talked to mid-line, limits from drop-off and pick-up), an older caller who
tells the story before the request and is hard of hearing, a non-native speaker through a whole
call ("in Monday at the 10 hours", "advance my appointment"), someone at work answering in
fragments ("thurs", "after 1"), a caller juggling two tasks who drops one halfway, and a caller
unsure of their own details (which number the account is under, which day they are booked).

The ``fresh31`` split (``scripts_fresh31.toml``) is a thirty-first batch, written blind: the
shapes real tasks take, told as people tell them - an appointment named loosely ("the one
before Christmas", "my usual this week", "the first one after New Year"), one or two of several
cancelled and the rest kept ("all of them except the 17th", "the middle one"), limits given a
piece at a time ("not mornings ... oh, and not Friday - unless it's your last one"), a check
and then a change in the same call, callers who argue with what they hold ("no, it's Thursday,
I've got it on the calendar", "I cancelled that!"), and a booking for someone in the household
on the caller's number and then one for the caller.

The ``fresh32`` split (``scripts_fresh32.toml``) is a thirty-second batch, written blind: the
phone call itself - a caller who missed what was said ("sorry, you broke up there"), puts the
agent on hold ("hang on, let me find a pen... ok go"), talks to someone else in the room ("no,
Tuesday, he said Tuesday - sorry, go on"), cuts in during a read-back to change one detail, asks
whether it is a machine or how long this takes, drifts off topic and comes back, or says goodbye
and then "oh wait, one more thing".

The ``fresh33`` split (``scripts_fresh33.toml``) is a thirty-third batch, written blind: details
in the forms people give them, inside whole calls - days relative to something ("a week on
Thursday", "the Monday after next", "first thing after the holiday", "the 3rd of next month"),
times as people say them ("half ten", "ten-ish", "after the school run", "before my shift at
four"), a phone number with a country code, "double" and "triple", in pairs, corrected in the
middle or read off a card, a name with a title, a hyphen, an apostrophe or spelled in part, a
confirmation code's letters asked about ("B as in boy or D as in dog?", "a zero or an O?"), and
two details in one breath with a third two turns later.

The ``fresh35`` split (``scripts_fresh35.toml``) is a thirty-fifth batch, written blind: more
than one thing at once inside whole calls - the household and the caller booked in one call,
two changes agreed with one "yes, both", both of two appointments moved (a swap of days, each a
day later), chains of conditions ("if Tuesday's gone then Wednesday, but not before ten"), one
of several cancelled and the other kept said vaguely ("not the early one, the other"), what is
held asked before it is changed, a second ask while the first is read back, and a pair half
taken back ("Tuesday and Thursday - no, just Thursday").

The ``fresh34`` split (``scripts_fresh34.toml``) is a thirty-fourth batch, written blind: callers
under pressure, inside whole calls - in a hurry ("quick one, I'm on my break", "whatever's
first" and then the first turned down), interrupted by someone in the room or a bad line
("sorry - no, not you, my son - where was I?"), impatient and saying the same thing again,
answering what has not been asked yet ("before you ask - yes I've been before"), breaking off
one thing for another and coming back ("anyway, the Tuesday thing"), and apologising for a
mistake made two turns ago ("sorry, I said Tuesday before - I meant Thursday").

The ``fresh37`` split (``scripts_fresh37.toml``) is a thirty-seventh batch, written blind:
callers who have it wrong, inside whole calls - a weekday and a date that do not match, an
appointment they think they hold that is not there or is on another day or hour, a number with
a digit wrong then put right, a name spelled otherwise than on the account, a code
misremembered, "last Tuesday" meaning the coming one, "seven" meaning the evening when the
clinic is closed, an appointment that already passed asked to be cancelled, and their own
mixed up with a family member's.

The ``fresh39`` split (``scripts_fresh39.toml``) is a thirty-ninth batch, written blind and all
as a speech recogniser hears a phone call: numbers through their homophones ("for", "to",
"won", "ate", "oh", "double five", "triple seven"), said in groups with fillers or split across
two turns, cut-off words and restarts ("from tues from wednesday"), names split or spelled as
heard ("mac donald thats one word", "k a t e"), hours as written out ("ten a m", "noon", "half
past three", "fifteen hundred"), and mishearings a receptionist queries rather than acts on
("sunday" for Monday, "can so" for cancel, "at night" for at nine, a number one digit long or
short).

The ``fresh36`` split (``scripts_fresh36.toml``) is a thirty-sixth batch, written blind: days and
times as people say them, inside whole calls, by callers from many places - hours said, not read
off a clock ("half ten", "quarter to two at the earliest", "gone five", "fourteen hundred",
"quarter of eleven"), days through the week ("Tuesday week", "a fortnight on Friday", "next
Monday - not this coming one", "the day after tomorrow"), loose parts of the day ("first thing",
"my lunch hour", "in the morning but not too early", "out by half two"), dates as numbers ("12/3",
"3/12, British", "1/12" with nothing to say which, "10.12.", "the fourth of the first"), a
learner's time words ("prepone", "kindly shift it", "tomorrow only", "next to next Monday"), and
a weekday said with a date that is not its date ("Thursday the 9th"), which is asked about.

The ``fresh38`` split (``scripts_fresh38.toml``) is a thirty-eighth batch, written blind:
callers who place what they want relative to what they hold or have done, inside whole calls -
an hour or a day counted from an appointment ("an hour earlier than it is", "two weeks after the
one I've got", "straight after my current one", "a month from today"), beside a household
member's appointment on their own number or on another patient's ("the same day as my
husband's"), against a change made earlier in the call ("put it back where it was", "the same
again the week after"), "my usual" or "same as last time" with nothing on file, two moved by one
relation ("move both up a day"), and one of several named by how it stands to the others ("the
later of the two", "the one nearest my birthday on the 14th").

The ``fresh41`` split (``scripts_fresh41.toml``) is a forty-first batch, written blind: world
Englishes - whole calls by speakers of English from around the world, each in the words, idioms
and grammar of their own variety: Scottish, Irish and Northern English ("Tuesday week", "the
morrow", "I'm after losing the card", "put it back an hour"), South Asian ("prepone", "today
itself", "same timing only", "next week Monday"), Australian and New Zealand ("this arvo",
"chocka", "yeah nah", "sweet as"), US regional ("fixing to", "might could", "I'ma", "finna",
"wicked early"), West and East African and Caribbean ("by 10 o'clock" meaning at ten, "I'm
coming" meaning wait, "I not going to reach", "push it small"), and learners whose first
language is Spanish, Chinese, Arabic, Russian or Portuguese ("I want make an appointment",
"three o'clock can?", "register to doctor", "mark a consultation").

The ``fresh40`` split (``scripts_fresh40.toml``) is a fortieth batch, written blind: the
everyday calls a front desk gets most, said the way different people really say them - a first
booking, one more booking by a caller on file, one appointment moved or cancelled (the caller
holding one, two or three), what and when they hold or their confirmation code, and two of these
in one call - by callers old and young, hurried and chatty, curt and polite, in learner English,
texting style or as a recogniser transcribes, who ramble, correct themselves, hesitate, ask a
side question or say yes in their own words.

The ``fresh42`` split (``scripts_fresh42.toml``) is a forty-second batch, written blind: calendar
landmarks - days named through the calendar people live by, around the world's own "today" -
holidays (Christmas Eve, Boxing Day on a Saturday, New Year's Day open, Thanksgiving closed,
Easter out of reach, "before everyone goes away for Christmas"), dates across the turn of the
month and the year ("the 2nd of January", "the 31st of November", "the last Friday of the month"
that is Christmas Day, "early Jan"), the caller's own calendar (payday, the school run, half
term, "my day off is Wednesdays"), ordinal weekdays ("the first Monday in January", "the Tuesday
after next", "Thursday fortnight"), season words narrowed ("mid-December, the Wednesday",
"towards the end of next week, Friday first thing") and a calendar date given wrong and settled.

The ``fresh43`` split (``scripts_fresh43.toml``) is a forty-third batch, written blind: feelings
and tone - whole calls whose words carry the caller's state, in everyday speech: anxious callers
who over-explain and ask twice whether it is really booked ("sorry, just to be sure - that's
definitely Thursday?"), annoyed ones irritated by hold music, a past mix-up or the machine ("I
SAID Thursday", "just book the bloody thing"), over-polite ones whose request hides inside the
hedging ("I don't suppose there'd be any chance..."), bad news told with feeling before the
request (a death, a hospital stay, a lost job, sick children), cheerful chatty ones with jokes,
small talk and a laugh at their own slip, and brusque ones in single words ("Appointment.
Tuesday. Whatever's first.", "Yeah. Done?").

The ``fresh44`` split (``scripts_fresh44.toml``) is a forty-fourth batch, written blind: letting
the receptionist choose, and open-ended asks - whole calls where the caller names no slot or
asks about the clinic before deciding: "whatever you've got first", "you pick, any afternoon
next week", "what would you suggest?"; how long a visit takes, the closing time, Saturdays,
parking, what to bring, how far ahead one can book, asked before the task; "which is better,
Tuesday or Thursday?", "the latest on Friday compared to Monday", "which of my two is sooner?";
conditions the answer settles ("if the 10 o'clock's gone don't bother", "if you can't do
Thursday just cancel it"); callers who dither, ask for the times again, check their diary or go
back to an offer turned down; and more than one slot (back to back for a parent and a child,
the same time on two days, one a week for two weeks, both of two pushed a week).

The ``fresh45`` split (``scripts_fresh45.toml``) is a forty-fifth batch, written blind: the
caller's working life and routines - whole calls where the slot is fitted around the caller's
day or someone else's: shift work (nights, earlies, lates, twelve-hour shifts, a rota), lunch
hours and breaks ("only on my lunch, twelve till one", "before work, the first one"), days off
("my day off's a Wednesday", "off Monday and Friday, either works"), commuting and travel ("only
in town Tuesdays", "away till the 12th, anything after", "flying out Friday so before then"),
other commitments (the dentist first, the gym, the school run, choir, physio), and a carer, a
parent, a PA or a partner booking around another person's routine.

The ``fresh46`` split (``scripts_fresh46.toml``) is a forty-sixth batch, written blind: registers
and slang - whole calls where the way of speaking is the test, not the task: youth slang ("lowkey
need to move my thing", "ngl Tuesday's cooked", "bet", "say less", "fr?"), British colloquial
("cheers mate", "sorted", "bang on", "knackered", "pop me in", "bin that one off", "ta-ra"),
formal or legalistic callers ("I wish to request the cancellation of my appointment scheduled
for", "kindly repeat the aforementioned reference", "Monday next"), corporate jargon ("zero
bandwidth Monday", "pencil in", "action that", "ping me the code", "EOD", "a hard stop at
three"), mild swearing and venting around the task ("my bloody car's broken down so I can't make
the damn ten o'clock"), and understated hints rather than asks ("Tuesday's looking a bit tricky
now", "I'm not sure the 9th still works for me", "mornings are a bit difficult, really").

The ``fresh47`` split (``scripts_fresh47.toml``) is a forty-seventh batch, written blind:
talking to a machine - callers who know or suspect the receptionist is automated and talk as
to a phone menu or a voice assistant: single words and noun phrases ("Appointment.", "Book.
Tuesday. Morning.", "Agent."), menu commands meant as undoing the last step ("go back", "start
over", "repeat that", "main menu", "cancel that" meaning the time just said), testing the bot
("is this a real person?", "say banana if you're human") before the task, dictation ("Date: the
ninth of December. Time: two p.m. Full stop.", a number said digit by digit, a name spelled),
"wait wait wait", "hold on", "stop", "pause" before a change is confirmed, and an assistant's
habits ("Alexa, book - sorry", "set an appointment for", "what's on my calendar", "remind me
when my next one is", "ok thanks, that's all").

The ``fresh48`` split (``scripts_fresh48.toml``) is a forty-eighth batch, written blind: names
that sound like words - callers new and on file whose names are also calendar, clock, number,
yes/no or request words, inside the everyday calls: months and days as first names ("June
Early" who wants Tuesday at ten, "April", "May" who asks "may I", "Wednesday"), time words as
surnames ("Noon" who wants a morning, "Knight", "Morningstar", "Friday", "Monday", "Early",
"Christmas"), verbs and nouns of requests ("Will Booker", "Bill Cannon", "Mark Chase", "Hope
Grant", "Case", "Holden"), names near yes, no and okay ("Noe", "Ya-Ting", "Oakley Yates", "Noah",
"Yesenia", "Ng"), names that sound like numbers ("Juan Tennant", "Otto Forde", "Nguyen",
"Eaton", "Twomey", "Sixto"), and titles, suffixes, particles and hyphens ("Dr. Mary-Kate
O'Neill Jr.", "van der Berg", "Robert Gates the Third", "St. John", "bin Rashid"): the name is
stored as said (no title) and never taken for a day, a time, a number, a yes or a no, or a task.

The ``fresh49`` split (``scripts_fresh49.toml``) is a forty-ninth batch, written blind: numbers
doing double duty - the same few numbers playing different parts in one breath and across
turns: a date and an hour with the same number ("the 3rd at 3", "ten on the tenth", "twelve on
the twelfth" on a Saturday), several dates each with its own hour ("the 9th, about 9ish, or
the 10th at 11", first, second and third choices), counts and durations beside the times ("a
45 minute drive so nothing before 10", "2 of us at 2", "I've got 2 booked, cancel the second
one", "push it back 2 days"), ages, flat, house, bus and platform numbers, prices and
percentages around the request, a phone number said in the breath of a date or with digits
echoing the hour ("my number ends in 1130, and 11:30 would be nice, well 11 then"), and
corrections that swap which number was which ("the 2nd at 4 - no, the 4th at 2").

The ``fresh50`` split (``scripts_fresh50.toml``) is a fiftieth batch, written blind: the
everyday calls again, by a stranger - a first visit booked by a nervous new caller (the right
clinic checked, what to bring asked, a number put right), a regular moving one of their own
("same time but Friday", "an hour later", "the one before Christmas"), a cancel wrapped in its
story (a sick child, a car in the garage, a funeral, a new job), "what have I got?" and "is it
this Tuesday or next?", an appointment for a child or a parent booked, moved or cancelled on
the caller's own account, and two of these in one call.

The ``fresh51`` split (``scripts_fresh51.toml``) is a fifty-first batch, written blind: offers
not taken as given - the receptionist proposes a slot or lists times and the caller counters
("could you do half an hour later?", "same time on the Tuesday?", "anything sooner, like
tomorrow?"), asks for the slot beside it ("the one just before that", "the one after", "either
side of it"), keeps part of it ("Tuesday's good but not first thing", "nine's fine but not
Friday", "not both, just the Monday one"), turns it down and widens ("none of those, what about
next week?", "any other day that week at ten?"), compares before choosing ("which has something
later, Tuesday or Thursday?", "what's sooner, today or first thing tomorrow?"), or says yes only
after a long hesitation ("hmm... I suppose... go on then", "yeah no yeah fine do that").

The ``fresh52`` split (``scripts_fresh52.toml``) is a fifty-second batch, written blind: the
everyday calls as a speech recogniser hears them - every line lower case, unpunctuated, numbers
as words, with the slips of phone audio in the day ("thirst day", "fry day", "to morrow", "the
tent" for the tenth), in the hour ("at won", "tree oclock", "an our later", "a ten"), in the
number's groups ("five double five", "five fifty five", "thirty one forty", "nineteen
hundred"), in long turns corrected inside themselves ("tuesday at ten sorry i mean thursday",
"cancel sorry no i mean move"), in checks and codes ("the conformation code", "what ive got
book in"), and in a clinic question before the booking ("is their parking", "medic aid").

The ``fresh53`` split (``scripts_fresh53.toml``) is a fifty-third batch, written blind: everyday
calls (book, move, cancel, check, the code, two tasks) each with a turn off the script - an
answer to a question not yet asked ("and before you ask, I'm new", "no need to offer me
another"), a question answered with one ("is that the one with the car park?", "is that this
Friday or the one after?", "is one the earliest?"), a correction of the caller's own words or of
what was read back ("Wednesday at eleven - sorry, Thursday", "it ends 0529, I said it
backwards"), a second wish once the first is done ("oh, and cancel this Wednesday's", "could my
son have the one straight after?"), a caller who steps away and comes back ("the dog's at the
door - where were we?"), and a yes/no question answered with a fact ("that's my mobile",
"I start work at nine on Mondays", "my husband has the car on Tuesdays").

The ``fresh54`` split (``scripts_fresh54.toml``) is a fifty-fourth batch, written blind: the
over-telling caller - everyday calls (book, move, cancel, check, the code, two tasks) by callers
who say more than was asked: the request inside a story ("my knee's been playing up since the
wedding ... have you anything Thursday?"), name, number, reason, day and a time they cannot do
in one breath, numbers that are not the appointment (an age, a date of surgery, "the number 7
bus gets in at ten past ten", a member number, "born the 3rd of the 9th"), a return to something
said earlier ("going back to what I said, it's the Wednesday coming"), a wish said as a limit
with its reason ("anything but Mondays, I do the school run till half nine", "not before eleven,
my carer comes at ten"), and a yes wrapped in talk ("yes, two's perfect, lunch club finishes at
one, so I'll get the 12 bus").

The ``fresh55`` split (``scripts_fresh55.toml``) is a fifty-fifth batch, written blind: when the
calendar says no. Everyday calls (book, move, cancel, check, the code, two tasks) each meet a
refusal and the caller bargains: the day asked is full ("what about the day after, then?",
"whatever is nearest to that then", "OK, what's the first thing you've got?"), the clinic is
closed (Thanksgiving, Christmas Day, a weekend: "the 24th then, same time?"), the hour is outside
9 to 4 ("anything before work? I start at half ten", "what's the latest you can do?"), the
appointment the caller thinks they have is another day or not there ("cancel Wednesday's" when it
is Thursday's, "my two o'clock" at three), the first offers do not suit ("not nine, I do the
school run"), and the caller settles or leaves it ("then leave it - I'll keep the one I've got").

The ``fresh56`` split (``scripts_fresh56.toml``) is a fifty-sixth batch, written blind: the
everyday calls by a new hand, as the hidden test would write them - a new caller books ("I'm new
to the area and I need to see someone. Is Thursday any good?"), a regular moves ("could it go to
the Thursday instead, same time?", "one hour later same day") or cancels ("can you just scrap
it?", "not this Thursday, the one after"), someone asks what they have ("I've lost the card -
when am I coming in again?"), what is free ("what's the earliest you could see someone next
week?") or for their code ("the hospital transport wants the reference"), or does two things
(herself and her little boy one after the other, a move and a cancel, two visits a week apart),
each told as people talk: openings mid-thought, details in the order thought of, small
corrections ("Tuesday, no, sorry, Wednesday"), fillers, asides and goodbyes.

The ``fresh57`` split (``scripts_fresh57.toml``) is a fifty-seventh batch, written blind: a busy
life sets the limits. Callers say when they can come as reasons, not times: shifts and rotas
("I'm on lates all this week, two till ten", "earlies, six till two, and it's a half-hour
drive"), the school run ("not before half nine", "back at the gates for quarter past three",
"Friday's an inset day"), lifts, buses and carers ("my daughter can only drive me on a
Wednesday", "the last bus back is quarter past three", "my carer's in till half eleven"), a limit
said only once something is offered ("oh no, I can't do mornings", "not a Monday, love, that's my
day with the grandkids"), a routine that changed on appointments already held ("I can't do
Thursdays anymore", "any of mine in the afternoon will have to go"), and a limit changed, added
or loosened mid-call ("oh hang on, my mum's carer doesn't leave till half one", "Wednesday I'm off
anyway, so after ten's fine").

The ``fresh59`` split (``scripts_fresh59.toml``) is a fifty-ninth batch, written blind: the
everyday calls by a third hand, each caller a person - an elderly caller who takes her time and
says it twice ("I'd like to come in on Wednesday. Wednesday morning, if you can"), a teenager
booking for the first time ("my mum usually does it", "Monday then, as early as poss"), a
builder with thirty seconds ("need to knock it on the head, job's run over", "push it to friday
same time"), a learner of English with his own word order ("Friday I have appointment, ten
hour"), a parent with a child shouting in the background ("No - not you, Ben. Yes, cancel it"),
someone anxious about the visit or cross about a late reminder ("a text at nine this morning for
an appointment at eleven today").

The ``fresh58`` split (``scripts_fresh58.toml``) is a fifty-eighth batch, written blind: the
everyday calls (book, move, cancel, check, ask) as a speech recogniser hears a stranger, or as
people type in a chat box. Lower case, no punctuation, numbers as words and their sound-alikes
("chewsday at too", "this friday at won oclock", "ate five seven"), fillers and doubled words
("i i need to see the the doctor"), names heard as words ("paul mill her", "siobhan oh brian"),
numbers broken across two lines or slipped and fixed ("six one seven no sorry six one eight",
"718 555 3954 - sorry typo"), and run-on lines holding two answers ("yes thats right and yes
whatever time is first").

The ``fresh60`` split (``scripts_fresh60.toml``) is a sixtieth batch, written blind: the everyday
calls as a test writer writes them, each call one goal and one twist - a detail corrected after
it was given ("sorry, not the ninth, the tenth"), a change of mind once the offer is made
("rather than cancel it could you move it"), a question before the yes ("is that the earliest
you've got?", "is there a charge if I cancel this late?"), a detail given before it is asked
("number first so you've got it", "keep the 22nd"), the first offer turned down with a reason
("eleven's no good, I've got the school assembly"), and two details in one breath ("Monday the
7th at eleven or the Tuesday at eleven, whichever one's free", "+1 207 555 0119").

The ``fresh61`` split (``scripts_fresh61.toml``) is a sixty-first batch, written blind: the call
around the task - openings, asides and closings. A caller who checks the line first ("Hello? Is
that the clinic? Harbor Family?", "am I talking to an actual person?"), asks before committing
("how much is a visit", "do you do evenings at all"), asks for it again once it is done ("sorry,
what time was that again?", "and that's definitely changed over, yeah?"), says no to "anything
else?" every way ("no, keep the 9th, that's everything", "nah youre alright"), remembers a second
errand ("oh, and while I have you, I can't do the 10th anymore") or goes to find a diary ("hang on,
let me check my work rota").

The ``fresh62`` split (``scripts_fresh62.toml``) is a sixty-second batch, written blind: when the
answer is no. The day is shut ("oh, you're not open Saturdays? what's the nearest then?", "what
about the Saturday after then" - shut again), the time is outside hours or taken ("can you not
squeeze me in before nine?", "could you not bump someone?"), the date is past or too far ahead
("Monday the 7th" on the 9th, "the 10th of March"), the number is not on file ("try my wife's
number then", a mother's landline), the appointment is not where the caller thinks ("are you
sure? I booked it last week", "my two o'clock" at three), or the caller leaves it ("then leave
it, I'll call back", "three's too late - okay the other one then").

The ``fresh63`` split (``scripts_fresh63.toml``) is a sixty-third batch, written blind: calls as
a human transcriber writes real phone calls - false starts ("I n- I need to can- to cancel,
sorry"), "yeah, no" and "no, yeah" as answers ("no, yeah, eleven's perfect, go ahead"), an
answer split over two turns ("the number is 207 555..." then "...0813, sorry"), words said
twice and tag questions ("the the Thursday", "that's the 1st, isn't it?"), callers talking to
themselves ("now where did I put that letter... here it is"), and fillers and lines left
hanging ("like, sometime Friday, sort of lunchtime or whatever", "I sort of can't... so...").
The ``fresh64`` split (``scripts_fresh64.toml``) is a sixty-fourth batch, written blind: the
everyday calls a front desk gets - the date of birth and the doctor's name before the errand
("date of birth the third of April, nineteen forty-eight, I'm under Doctor Morrison"), "yeah" on
every line and then "wait, what day was that?", "have you had any cancellations for Thursday?"
(a search, not a cancel), callers worn out by the queue ("twenty-five minutes on hold", "ringing
since eight"), callers who lost the card with the appointment on it, and "any chance of being
seen today?".

The ``fresh65`` split (``scripts_fresh65.toml``) is a sixty-fifth batch, written blind: words
that sound like a change but are not, beside changes that are. A change already made elsewhere
("I already cancelled the dentist, so Tuesday's free now"), "cancel that" / "scratch that"
meaning "forget what I just said", questions about how changes work ("how late can I cancel?",
"can I move it myself online?"), someone else's plans ("my husband might be cancelling his, but
not mine"), a change they may make later ("I'll ring you back when I know"), and the change
word denied ("I'm not cancelling, I just forgot the time", "no, leave it, that's fine"); in half
the calls a change is wanted too, and made on a yes.

The ``fresh66`` split (``scripts_fresh66.toml``) is a sixty-sixth batch, written blind: what the
doctor or nurse told the caller to book. The follow-up is counted from a visit they had (said
with its date, "I was in on the 24th, she said two weeks") or today, or from one they hold ("six
weeks after the first one"), may carry a bound ("no sooner than 21 days after", "no later than
the end of next week", "not before the 18th and not after Christmas"), may need the one they
hold moved to fit ("a month after I start the tablets on the 14th, so Thursday's too early"), may
be only a question ("when would two weeks after my Thursday one be?"), or waits for results
("the results take about a week, she wants to see me after").

The ``fresh67`` split (``scripts_fresh67.toml``) is a sixty-seventh batch, written blind: pointing
back at what was said. Callers pick from what the receptionist read out by its place ("the
second one", "the last one you said") or by comparison ("the earlier of the two", "whichever's
closer to lunch"), shift a time said in the call ("same time, but on the Friday", "the one you
just said but the week after"), ask for an earlier offer again or go back to it ("what was the
other one again?", "no, go back to the Tuesday one"), point at their own words ("in the
morning, like I said", "the day I said first"), or count from a slot someone holds ("the one
straight after my wife's", "same time as my one on the ninth but the week after").

The ``fresh68`` split (``scripts_fresh68.toml``) is a sixty-eighth batch, written blind: "sorry,
say that again?" - callers checking what they heard, at the offer, the read-back, the code and
the goodbye, then going on with the task. Numbers that sound alike ("was that two or three?",
"fifteen or fifty?", "the 16th or the 6th?"), a date's weekday ("the 14th - is that a
Monday?", "Thursday week - what date's that?"), a pen fetched ("hang on... right, go on", "say
them again, slowly"), the whole reply lost ("sorry, I missed all that, I was driving", "you're
breaking up"), the code asked back ("wait, what's my code again?", "B for bravo or D for
delta?"), and a summing-up at the goodbye, sometimes wrong ("so that's Friday at two, yeah?"
for Thursday) or followed by a change of mind ("actually, could you make it ten instead?").

The ``fresh69`` split (``scripts_fresh69.toml``) is a sixty-ninth batch, written blind: a day at
the front desk, by a new hand - plain calls in about the proportions a clinic gets them. New
patients booking a first visit ("I've just moved here and I need to see someone", "double oh two
six"), another appointment fitted round a life ("a fortnight after, same time", "ten or
eleven-ish because of the school run", "the latest you've got on Tuesday"), moves ("something's
come up at work - Friday, same time?", "push that back a week"), cancels ("I'm feeling better,
so no need", "Thursday or Friday, I don't remember"), "when's my next one?" and what is free
("I've lost my card", "this Friday or next Friday?"), and a question before booking ("do you
take Aetna?", "are you open Christmas Eve?") or two errands in one call.

The ``fresh70`` split (``scripts_fresh70.toml``) is a seventieth batch, written blind: a Monday
morning at the front desk, by another new hand. People ill over the weekend who want in soon
("I've been up half the night coughing - anything today?", "first thing tomorrow"), people who
forgot last week's ("it went clean out of my head - the same again this Thursday?", "the week
after next on the Tuesday"), parents fitting it round the school day ("between ten and two,
while the kids are at school", "about half nine, once they're dropped off"), callers on a lunch
break ("move Thursday's to Friday, same time", "cancel both, new job"), retired callers in no
hurry who say why ("Tuesday's bowls", "Wednesday week at ten"), and "have I got anything this
week?" with moves and cancels because the week changed ("they've changed my shifts round").

The ``fresh71`` split (``scripts_fresh71.toml``) is a seventy-first batch, written blind: heard,
not typed - calls as a speech recogniser writes them, by a new hand. Two thirds and more are the
recogniser's text (lower case, no punctuation, numbers as words, "um" and "like", "i i need to",
"on on monday", a word heard as a like one: "to oclock", "friday the forth", "right it down",
"get appointment on twenty second"), the rest typed as a web chat caller writes; the errands in
a front desk's proportions: new patients booking, bookings with the time said aloud ("about half
ten", "quarter to ten", "the week after next on the tuesday first thing"), moves, cancels, "what
have I got" and the code, and a question before booking or two errands in one call.

The ``fresh72`` split (``scripts_fresh72.toml``) is a seventy-second batch, written blind: a
Friday afternoon at the front desk, by a third new hand. People sorting next week before the
weekend ("Wednesday or Thursday after lunch", "late morning", "anything before eleven"), callers
ringing for a father, a son, a wife or a grandson, who it is for said late or muddled ("not for
me, for my grandson", "it's under his name"), people going away who move or cancel ("I'm off to
Florida for a fortnight", "push it back a week", "cancel Tuesday - actually, move it to the
Tuesday after"), callers ringing back for what they forgot (the reference, the time, parking),
people unsure of their own day or wanting "the same as last time", and callers whose English is
a second language ("I want to make appointment for doctor", "Monday 21... no, Tuesday 22").

The ``fresh73`` split (``scripts_fresh73.toml``) is a seventy-third batch, written blind: heard
over the phone, by a new hand - calls as an offline recogniser on a phone line writes them, with
its mistakes. Three quarters are the recogniser's text (lower case, no punctuation, numbers as
words, fillers and false starts, "for" heard for four, "to" for two, "ate" for eight, "won" for
one, "too appointments", a dropped word, a surname heard as a common word and spelled, a number
said in two pieces across two turns, the end of a number said again), the rest typed; new
patients joining, bookings with the day and hour said aloud ("quarter past ten", "a week
tomorrow about two ish", "late in the day"), moves, cancels, "when am I in" and the code, and a
question before booking or two errands in one call.

The ``fresh74`` split (``scripts_fresh74.toml``) is a seventy-fourth batch, written blind: a wet
Tuesday morning at the front desk, by a fourth new hand - plans the rain or a late bus changed
("I'm on the bus and it's not moved in ten minutes - anything later on today?", "push me to the
next one you've got this morning"), the story told before the errand, older callers giving every
detail slowly ("two oh seven... five five five... oh four three two", "Wednesday week"), a
reminder text, letter or card read half aloud, two people in one call (two bookings, two
cancels, two moves, "when are we all in?"), "no rush" and then the earliest, a question for an
answer, a wrong number put right, a question before booking. A little over a third are the
recogniser's text (lower case, no punctuation, numbers as words, fillers kept), the rest typed.

The ``fresh75`` split (``scripts_fresh75.toml``) is a seventy-fifth batch, written blind: the end
of a Thursday, four to six, by a fifth new hand - the clinic has just shut and the phone keeps
going. People ringing from the bus, the car or the office door in a hurry ("I'm driving so I'll
be quick - Monday first thing", "Friday week, ten-ish", "next Tuesday, latest you've got"),
people with the diary open sorting the next two weeks ("the dentist Tuesday, the grandchildren
Wednesday, so Monday or Thursday", "a fortnight tomorrow in the afternoon"), what is free asked
before deciding, moves of what was booked this morning or last week, a time the clinic doesn't
do taken to the nearest ("half four", "eight before work", "quarter past three"), cancels with
the reason told at length, "when am I in?" and the reference, callers unsure whether they are on
file, and a person asked for first ("is Sharon there?") or a question before booking.

The ``fresh76`` split (``scripts_fresh76.toml``) is a seventy-sixth batch, written blind: a
Wednesday lunchtime at the front desk, by a sixth new hand. People ringing on their lunch break
to the point, then remembering a second thing ("oh - before you go, is there parking?"), a son
or daughter ringing for an elderly parent who sits with them and chips in ("he says not the
mornings"), callers who missed an appointment and are embarrassed, the first thing next week
and then the time won't do ("nine? no, the school run"), "the week after next", two days
compared aloud before choosing, moves with the number said in pairs, with "double" or with the
area code last, what is booked asked before deciding to cancel, "when am I in?" and the
reference.
"""

from __future__ import annotations

import functools
import random
import re
import tomllib
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Literal, get_args

from voice_agent.domain.weekdays import WEEKDAYS
from voice_agent.testing.callers.goals import Goal, PhoneFormat, Question, Slot, Style, Task
from voice_agent.testing.callers.phrases import (
    Phrases,
    Split,
    day_phrases,
    ordinal,
    part_phrases,
    time_phrases,
)
from voice_agent.testing.callers.world import (
    AFTERNOON,
    CLOCKS,
    CLOSED_DATES,
    MORNING,
    SLOT_STARTS,
    SUITE_NOW,
    TIMEZONE,
    Holding,
    Person,
    World,
    earliest_free,
    free_slots,
    is_bookable,
    is_open,
)

SCRIPTS_PATH = Path(__file__).with_name("scripts.toml")
SPLITS: tuple[Split, ...] = get_args(Split)
# generated calls per category; the stranger, typed and fresh splits have fixed scripts only
PER_CATEGORY: dict[Split, int] = {"dev": 4, "held_out": 3}
# every other split is one file of fixed scripts, scripts_<split>.toml (dev adds scripts.toml)
SCRIPT_FILES: dict[Split, Path] = {
    split: Path(__file__).with_name(f"scripts_{split}.toml")
    for split in SPLITS
    if split not in PER_CATEGORY
}


@dataclass(frozen=True)
class CorpusCall:
    id: str
    category: str
    split: Split
    world: World
    goal: Goal
    style: Style | None = None  # None for a fixed script
    seed: int = 0
    lines: tuple[str, ...] | None = None  # a fixed script's caller lines
    description: str = ""
    corrected_at: int | None = None  # a fixed script's line that takes something back

    @property
    def kind(self) -> str:
        return "script" if self.lines is not None else "simulated"


# --- clinic questions, from the corpus clinic profile (clinic.toml) -------------------------
QUESTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, ...], ...]]] = {
    # topic: (dev lines, held-out lines, expected in the answer)
    "hours": (
        ("what are your hours?", "what time do you open and close?", "when are you open?"),
        ("how late are you open during the week?", "what are your opening hours these days?"),
        (("monday",), ("friday",), ("9", "nine"), ("4", "four", "3 pm", "3:00", "three")),
    ),
    "weekend": (
        ("are you open on Saturdays?", "do you do weekends at all?"),
        ("can I come in on a Sunday?",),
        (("monday", "weekday", "saturday", "sunday", "weekend"),),
    ),
    "address": (
        ("where are you located?", "what's your address?", "what's the address of the clinic?"),
        ("where exactly is the office?", "how do I find you, what's the street address?"),
        (("1200 harbor", "twelve hundred harbor"),),
    ),
    "person": (
        (
            "can I talk to a real person?",
            "is there someone at the front desk I can speak to?",
            "can you put me through to a human?",
        ),
        ("I'd like to speak with a staff member please", "can I get a receptionist on the line?"),
        (("207 555 0142", "207-555-0142", "2075550142", "transfer", "connect you", "put you"),),
    ),
    "insurance": (
        ("do you take insurance?", "do you accept Blue Cross?"),
        ("is my insurance going to be accepted there?",),
        (("insurance",), ("card",)),
    ),
    "parking": (
        ("is there parking?", "where do I park?"),
        ("can I park at the clinic?",),
        (("parking", "park"), ("behind", "lot")),
    ),
    "off_topic": (
        (
            "what's the weather supposed to be like tomorrow?",
            "do you know a good pharmacy around there?",
            "can you recommend a restaurant nearby?",
        ),
        ("who won the game last night?", "do you sell gift cards?"),
        (("appointment",),),
    ),
}


def question(topic: str, split: Split) -> Question:
    dev, held, expect = QUESTIONS[topic]
    return Question(topic=topic, lines=dev + held if split == "held_out" else dev, expect=expect)


# --- generation helpers ----------------------------------------------------------------------
_NAMES = {
    "dev": (
        "Ann Lee",
        "Marcus Johnson",
        "Priya Patel",
        "Tom Becker",
        "Sofia Alvarez",
        "James O'Brien",
        "Linda Chen",
        "David Kim",
        "Rachel Green",
        "Omar Haddad",
        "Grace Miller",
        "Kevin Nguyen",
        "Emily Davis",
        "Carlos Mendez",
        "Hannah Schwartz",
        "Robert Brown",
    ),
    "held_out": (
        "Ian Fletcher",
        "Beatriz Souza",
        "Yusuf Demir",
        "Claire Dubois",
        "Nikhil Rao",
        "Olga Petrova",
        "Frank Russo",
        "Tamika Brooks",
        "Sean Murphy",
        "Keiko Tanaka",
        "Luis Ortega",
        "Naomi Adler",
    ),
}
_OTHER_NAMES = ("Maria Lopez", "John Smith", "Wei Zhang", "Fatima Khan", "George Hall")
_AREAS = ("646", "212", "917", "718", "973", "201", "347", "207", "860", "415", "312", "503")
_PHONE_FORMATS: tuple[PhoneFormat, ...] = get_args(PhoneFormat)


class Gen:
    """Random choices for one generated call."""

    def __init__(self, category: str, split: Split, index: int) -> None:
        self.category = category
        self.split = split
        self.index = index
        self.rng = random.Random(f"{category}/{split}/{index}")
        self.ph = Phrases(self.rng, split)
        self._phones: set[str] = set()
        self._names: set[str] = set()

    # people
    def phone(self) -> str:
        while True:
            area = self.rng.choice(_AREAS)
            exchange = str(self.rng.randint(2, 9)) + f"{self.rng.randint(0, 99):02d}"
            line = f"{self.rng.randint(0, 9999):04d}"
            if self.rng.random() < 0.4:  # a double digit and a zero: "double five", "oh"
                d = str(self.rng.randint(1, 9))
                line = d + d + "0" + str(self.rng.randint(1, 9))
            number = area + exchange + line
            if number not in self._phones:
                self._phones.add(number)
                return number

    def name(self, pool: tuple[str, ...] | None = None) -> str:
        names = [n for n in (pool or _NAMES[self.split]) if n not in self._names]
        chosen = self.rng.choice(names)
        self._names.add(chosen)
        return chosen

    def person(self, holdings: tuple[Holding, ...] = ()) -> Person:
        return Person(self.name(), self.phone(), holdings)

    def other(self, *slots: Slot) -> Person:
        return Person(self.name(_OTHER_NAMES), self.phone(), tuple(Holding(d, t) for d, t in slots))

    def now(self, *choices: datetime) -> datetime:
        return self.rng.choice(choices or CLOCKS)

    # days and times
    def open_day(self, now: datetime, lo: int = 1, hi: int = 8) -> date:
        today = now.astimezone(TIMEZONE).date()
        days = [
            today + timedelta(days=i)
            for i in range(lo, hi + 1)
            if is_open(today + timedelta(days=i))
        ]
        return self.rng.choice(days)

    def say_day(self, day: date, today: date) -> str:
        return self.rng.choice(day_phrases(day, today, self.split))

    def say_time(self, t: time, *, bare: bool = True) -> str:
        return self.rng.choice(time_phrases(t, self.split, bare=bare))

    def style(self, **fixed: Any) -> Style:
        choices: dict[str, Any] = {
            "verbosity": self.rng.choice(("terse", "plain", "plain", "chatty")),
            "upfront": self.rng.random() < 0.2,
            "id_first": False,
            "hesitant": self.rng.choice((0.0, 0.0, 0.2, 0.4)),
            "phone_format": self.rng.choice(
                ("spaced", "spaced", "plain", "dashed", "words", "words_grouped")
            ),
            "picks": self.rng.choice(("first", "last")),
        }
        choices.update(fixed)
        if choices.get("id_first"):
            choices["upfront"] = False
        return Style(**choices)

    def times_phrase(self, day_text: str, t: time) -> tuple[str, ...]:
        return (
            f"{day_text} at {self.say_time(t)}",
            f"{self.say_time(t, bare=False)} {on_day(day_text)}",
            f"{day_text}, {self.say_time(t, bare=False)}",
        )


def on_day(day_text: str) -> str:
    """ "on Friday", but "tomorrow", "next Tuesday", "this Friday" as they are."""
    bare = ("tomorrow", "next ", "this ", "on ", "in ", "a week", "two weeks")
    return day_text if day_text.lower().startswith(bare) else f"on {day_text}"


def _world(g: Gen, now: datetime, caller: Person, returning: bool, *others: Person) -> World:
    return World(now=now, caller=caller, returning=returning, others=tuple(others))


def _free(world: World, day: date, times: frozenset[time] | tuple[time, ...]) -> frozenset[Slot]:
    return frozenset((day, t) for t in free_slots(world, day) if t in times)


def _holdings(
    g: Gen,
    now: datetime,
    count: int,
    *,
    lo: int = 1,
    hi: int = 9,
    avoid: frozenset[Slot] = frozenset(),
) -> list[Holding]:
    """Appointments on different weekdays at different times, all in the future."""
    today = now.astimezone(TIMEZONE).date()
    days = [
        today + timedelta(days=i) for i in range(lo, hi + 1) if is_open(today + timedelta(days=i))
    ]
    g.rng.shuffle(days)
    chosen: list[Holding] = []
    used_weekdays: set[int] = set()
    used_times: set[time] = set()
    for day in days:
        if len(chosen) == count:
            break
        if day.weekday() in used_weekdays:
            continue
        starts = [t for t in SLOT_STARTS if t not in used_times and (day, t) not in avoid]
        if not starts:
            continue
        start = g.rng.choice(starts)
        chosen.append(Holding(day, start))
        used_weekdays.add(day.weekday())
        used_times.add(start)
    return sorted(chosen, key=lambda h: (h.day, h.start))


def _refs(g: Gen, target: Holding, today: date) -> tuple[str, ...]:
    weekday = WEEKDAYS[target.day.weekday()]
    t = target.start
    hour = time_phrases(t, g.split, bare=False)
    refs = [
        f"the {weekday} one",
        f"my {weekday} appointment",
        f"the one on {weekday}",
        f"my {g.rng.choice(hour)} appointment",
        f"the {g.rng.choice(hour)} one",
        f"the one on {target.day:%B} {ordinal(target.day.day)}",
    ]
    if g.split == "held_out":
        refs += [f"the appointment I have on {weekday}", f"the one at {g.rng.choice(hour)}"]
    g.rng.shuffle(refs)
    return tuple(refs[:3])


# --- generators, one per category -----------------------------------------------------------
Made = tuple[World, Goal, Style, str]


def _book_day(g: Gen, *, now: datetime | None = None, lo: int = 1, hi: int = 8) -> Made:
    """A new caller books a specific time, a part of a day or any time on a day."""
    now = now or g.now()
    caller = g.person()
    day = g.open_day(now, lo, hi)
    today = now.astimezone(TIMEZONE).date()
    day_text = g.say_day(day, today)
    busy = g.rng.sample(list(SLOT_STARTS), 2)
    other = g.other(*((day, t) for t in busy))
    world = _world(g, now, caller, False, other)
    free = free_slots(world, day)
    kind = g.rng.choice(("exact", "part", "any"))
    if kind == "exact" and free:
        t = g.rng.choice(free)
        ask: tuple[str, ...] = g.times_phrase(day_text, t)
        accept = frozenset({(day, t)})
        what = f"{day} at {t:%H:%M}"
    elif kind == "part":
        part = g.rng.choice(("morning", "afternoon"))
        times = MORNING if part == "morning" else AFTERNOON
        accept = _free(world, day, times)
        if not accept:
            accept = _free(world, day, SLOT_STARTS)
        ask = tuple(f"{day_text} {p}" for p in part_phrases(part, g.split)[:3])
        what = f"{day} {part}"
    else:
        accept = _free(world, day, SLOT_STARTS)
        ask = (day_text, f"{day_text}, any time", f"whatever you have {day_text}")
        what = f"{day} any time"
    return world, Goal("book", ask=ask, accept=accept), g.style(), f"new caller books {what}"


def gen_new_caller(g: Gen) -> Made:
    return _book_day(g)


def gen_phone_formats(g: Gen) -> Made:
    fmt = _PHONE_FORMATS[(g.index * 5 + (0 if g.split == "dev" else 2)) % len(_PHONE_FORMATS)]
    world, goal, style, what = _book_day(g)
    if g.rng.random() < 0.4:  # a returning caller checks their appointments
        now = world.now
        held = _holdings(g, now, 1, avoid=world.taken())
        caller = replace(world.caller, holdings=tuple(held))
        world = replace(world, caller=caller, returning=True)
        goal = Goal("check")
        what = "returning caller checks"
    return world, goal, replace(style, phone_format=fmt), f"{what}; number said {fmt}"


def gen_phone_in_pieces(g: Gen) -> Made:
    world, goal, style, what = _book_day(g)
    split: Literal["6+4", "3+7"] = g.rng.choice(("6+4", "3+7"))
    fmt: PhoneFormat = g.rng.choice(("spaced", "words", "plain"))
    return (
        world,
        goal,
        replace(style, phone_split=split, phone_format=fmt, upfront=False),
        f"{what}; number in two pieces ({split})",
    )


def gen_self_correction(g: Gen) -> Made:
    now = g.now()
    today = now.astimezone(TIMEZONE).date()
    caller = g.person()
    world = _world(g, now, caller, False)
    day = g.open_day(now, 2, 8)
    other_day = g.rng.choice(
        [d for d in (day - timedelta(days=1), day + timedelta(days=1)) if is_open(d) and d > today]
        or [day + timedelta(days=7)]
    )
    free = free_slots(world, day)
    t = g.rng.choice(free)
    wrong_t = g.rng.choice([s for s in SLOT_STARTS if s != t])
    variant = g.rng.choice(("time", "day", "next_turn_day", "next_turn_time"))
    day_text = g.say_day(day, today)
    other_text = g.say_day(other_day, today)
    right_t, wrong_tt = g.say_time(t, bare=False), g.say_time(wrong_t)
    if variant == "time":
        first = g.ph.pick("inline_fix", wrong=f"{day_text} at {wrong_tt}", right=right_t)
        if g.rng.random() < 0.5:
            first = f"{day_text} at {wrong_tt}, no sorry, {right_t} not {wrong_tt}"
        goal = Goal(
            "book",
            ask=g.times_phrase(day_text, t),
            accept=frozenset({(day, t)}),
            first_ask=first,
            taken_back=frozenset({(day, wrong_t)}),
        )
    elif variant == "day":
        first = g.ph.pick("inline_fix", wrong=f"{other_text} at {g.say_time(t)}", right=day_text)
        goal = Goal(
            "book",
            ask=g.times_phrase(day_text, t),
            accept=frozenset({(day, t)}),
            first_ask=first,
            taken_back=frozenset({(other_day, t)}),
        )
    elif variant == "next_turn_day":
        first = f"{other_text} at {g.say_time(t)}"
        fix = tuple(g.ph.pick("next_turn_fix", right=day_text, wrong=other_text) for _ in range(3))
        goal = Goal(
            "book",
            ask=g.times_phrase(day_text, t),
            accept=frozenset({(day, t)}),
            first_ask=first,
            corrections=fix,
            taken_back=frozenset({(other_day, t)}),
        )
    else:
        first = f"{day_text} at {wrong_tt}"
        fix = tuple(g.ph.pick("next_turn_fix", right=right_t, wrong=wrong_tt) for _ in range(3))
        goal = Goal(
            "book",
            ask=g.times_phrase(day_text, t),
            accept=frozenset({(day, t)}),
            first_ask=first,
            corrections=fix,
            taken_back=frozenset({(day, wrong_t)}),
        )
    style = g.style(upfront=False)
    return world, goal, style, f"corrects the {variant.replace('_', ' ')}: wants {day} {t:%H:%M}"


def gen_closed_day(g: Gen) -> Made:
    variant = g.rng.choice(("saturday", "sunday", "holiday"))
    if variant == "holiday":
        now = SUITE_NOW if g.rng.random() < 0.5 else datetime(2026, 12, 21, 10, tzinfo=TIMEZONE)
        closed = next(d for d in CLOSED_DATES if d > now.date())
    else:
        now = g.now(*CLOCKS[:4])
        today = now.astimezone(TIMEZONE).date()
        weekday = 5 if variant == "saturday" else 6
        closed = today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    today = now.astimezone(TIMEZONE).date()
    caller = g.person()
    world = _world(g, now, caller, False)
    t = g.rng.choice(SLOT_STARTS)
    near = [closed + timedelta(days=i) for i in (-1, 1, 2, 3)]
    near = [d for d in near if is_open(d) and d > today][:2]
    window = {s for s in SLOT_STARTS if abs(s.hour - t.hour) <= 1}
    accept = frozenset(s for d in near for s in _free(world, d, frozenset(window)))
    text = g.rng.choice(day_phrases(closed, today, g.split))
    first = g.rng.choice(
        (f"{text} at {g.say_time(t)}", f"{g.say_time(t, bare=False)} {on_day(text)}")
    )
    alternatives = tuple(f"{g.say_day(d, today)} at {g.say_time(t)}" for d in near)
    goal = Goal("book", ask=alternatives, accept=accept, first_ask=first, wanted=(closed, t))
    return world, goal, g.style(upfront=False), f"asks for closed {closed}; accepts near days"


def gen_slot_taken(g: Gen) -> Made:
    now = g.now()
    today = now.astimezone(TIMEZONE).date()
    day = g.open_day(now, 1, 8)
    t = g.rng.choice(SLOT_STARTS[1:-1])
    caller = g.person()
    other = g.other((day, t))
    world = _world(g, now, caller, False, other)
    window = frozenset(s for s in SLOT_STARTS if abs(s.hour - t.hour) <= 2)
    accept = _free(world, day, window)
    day_text = g.say_day(day, today)
    first = g.rng.choice(g.times_phrase(day_text, t))
    near = sorted((s for s in accept if s != (day, t)), key=lambda s: abs(s[1].hour - t.hour))
    ask: tuple[str, ...] = tuple(f"{day_text} at {g.say_time(s[1])} then" for s in near[:2]) + (
        f"something else around then {on_day(day_text)}",
    )
    goal = Goal("book", ask=ask, accept=accept - {(day, t)}, first_ask=first, wanted=(day, t))
    return world, goal, g.style(), f"{day} {t:%H:%M} is taken; accepts within two hours"


def gen_reschedule_by_description(g: Gen) -> Made:
    now = g.now(*CLOCKS[:4])
    today = now.astimezone(TIMEZONE).date()
    holdings = _holdings(g, now, 2, lo=1, hi=8)
    caller = g.person(tuple(holdings))
    world = _world(g, now, caller, True)
    target_i = g.rng.randrange(len(holdings))
    target = holdings[target_i]
    variant = g.rng.choice(("to_day_time", "push_hour", "same_time", "to_part"))
    refs = _refs(g, target, today)
    if variant == "push_hour" and target.start.hour < 15:
        new = time(target.start.hour + 1)
        if (target.day, new) not in world.taken():
            ask: tuple[str, ...] = (
                "push it back an hour",
                "an hour later, same day",
                "could you make it an hour later",
            )
            goal = Goal(
                "reschedule",
                ask=ask,
                accept=frozenset({(target.day, new)}),
                target=target_i,
                target_refs=refs,
            )
            return world, goal, g.style(), f"pushes {target.day} {target.start:%H:%M} back an hour"
    if variant == "same_time":
        days = [d for d in (target.day + timedelta(days=i) for i in range(1, 6)) if is_open(d)]
        day = g.rng.choice(days)
        if (day, target.start) not in world.taken():
            day_text = g.say_day(day, today)
            ask = (
                f"same time {day_text}",
                f"{day_text}, same time",
                f"to {day_text} at the same time",
            )
            goal = Goal(
                "reschedule",
                ask=ask,
                accept=frozenset({(day, target.start)}),
                target=target_i,
                target_refs=refs,
            )
            return world, goal, g.style(), f"moves {target.day} to {day}, same time"
    if variant == "to_part":
        part = "morning" if target.start.hour >= 12 else "afternoon"
        times = MORNING if part == "morning" else AFTERNOON
        accept = _free(world, target.day, times)
        day_text = g.say_day(target.day, today)
        ask = tuple(f"to the {p} instead, same day" for p in part_phrases(part, g.split)[:1]) + (
            f"{day_text} {part} instead",
            f"sometime in the {part} that day",
        )
        goal = Goal("reschedule", ask=ask, accept=accept, target=target_i, target_refs=refs)
        return world, goal, g.style(), f"moves {target.day} to the {part}"
    day = g.open_day(now, 2, 9)
    free = [t for t in free_slots(world, day)]
    t = g.rng.choice(free)
    day_text = g.say_day(day, today)
    ask = tuple(f"to {p}" for p in g.times_phrase(day_text, t))
    goal = Goal(
        "reschedule", ask=ask, accept=frozenset({(day, t)}), target=target_i, target_refs=refs
    )
    return world, goal, g.style(), f"moves {target.day} {target.start:%H:%M} to {day} {t:%H:%M}"


def gen_cancel_one_of_several(g: Gen) -> Made:
    now = g.now(*CLOCKS[:4])
    today = now.astimezone(TIMEZONE).date()
    holdings = _holdings(g, now, g.rng.choice((2, 2, 3)))
    caller = g.person(tuple(holdings))
    world = _world(g, now, caller, True)
    target_i = g.rng.randrange(len(holdings))
    goal = Goal("cancel", target=target_i, target_refs=_refs(g, holdings[target_i], today))
    t = holdings[target_i]
    return world, goal, g.style(), f"cancels {t.day} {t.start:%H:%M} of {len(holdings)}"


def gen_earliest(g: Gen) -> Made:
    now = g.now()
    today = now.astimezone(TIMEZONE).date()
    caller = g.person()
    first_day = g.open_day(now, 0 if now.hour < 14 else 1, 3)
    future = [t for t in SLOT_STARTS if is_bookable(now, first_day, t)]
    others = [g.other(*((first_day, t) for t in g.rng.sample(future, min(3, len(future)))))]
    world = _world(g, now, caller, False, *others)
    if g.rng.random() < 0.5:
        slot = earliest_free(world)
        ask: tuple[str, ...] = (
            "the earliest you have",
            "whatever's soonest",
            "your first available appointment",
        )
        if g.split == "held_out":
            ask += ("the next opening you've got",)
        goal = Goal("book", ask=ask, accept=frozenset({slot}))
        return world, goal, g.style(), f"earliest available: {slot[0]} {slot[1]:%H:%M}"
    day = g.open_day(now, 1, 6)
    free = free_slots(world, day)
    day_text = g.say_day(day, today)
    ask = (
        f"first thing {day_text}",
        f"{day_text}, as early as possible",
        f"first thing in the morning {day_text}",
    )
    goal = Goal("book", ask=ask, accept=frozenset({(day, free[0])}))
    return world, goal, g.style(), f"first thing on {day}: {free[0]:%H:%M}"


def gen_part_of_day(g: Gen) -> Made:
    now = g.now()
    today = now.astimezone(TIMEZONE).date()
    day = g.open_day(now, 1, 7)
    caller = g.person()
    busy = g.rng.sample(list(SLOT_STARTS), 2)
    world = _world(g, now, caller, False, g.other(*((day, t) for t in busy)))
    day_text = g.say_day(day, today)
    variant = g.rng.choice(("morning", "afternoon", "after", "before_noon", "late_afternoon"))
    if variant in ("morning", "afternoon"):
        times = MORNING if variant == "morning" else AFTERNOON
        ask: tuple[str, ...] = tuple(f"{day_text} {p}" for p in part_phrases(variant, g.split))
    elif variant == "after":
        h = g.rng.choice((11, 12, 13))
        times = frozenset(t for t in SLOT_STARTS if t.hour >= h)
        hour = g.say_time(time(h))
        ask = (f"{day_text} after {hour}", f"anytime after {hour} {on_day(day_text)}")
    elif variant == "before_noon":
        times = MORNING
        ask = (f"{day_text} before noon", f"{day_text}, before lunch")
    else:
        times = frozenset({time(14), time(15)})
        ask = (f"{day_text}, late afternoon", f"late in the afternoon {day_text}")
    accept = _free(world, day, times)
    goal = Goal("book", ask=ask, accept=accept)
    return world, goal, g.style(), f"{variant.replace('_', ' ')} on {day}"


def gen_dates(g: Gen) -> Made:
    now = g.now(*CLOCKS[:4])
    today = now.astimezone(TIMEZONE).date()
    caller = g.person()
    world = _world(g, now, caller, False)
    variant = g.rng.choice(("next_week", "nth", "month_day", "two_weeks"))
    if variant == "next_week":
        monday = today + timedelta(days=7 - today.weekday())
        days = [monday + timedelta(days=i) for i in range(5)]
        part = g.rng.choice(("morning", "afternoon", None))
        times = MORNING if part == "morning" else AFTERNOON if part == "afternoon" else None
        accept = frozenset(
            s for d in days for s in _free(world, d, times or frozenset(SLOT_STARTS))
        )
        suffix = f", {part_phrases(part, g.split)[0]}" if part else ""
        ask: tuple[str, ...] = (
            f"next week{suffix}",
            f"sometime next week{suffix}",
            f"any day next week{suffix}",
        )
        return world, Goal("book", ask=ask, accept=accept), g.style(), f"next week {part or ''}"
    if variant == "two_weeks":
        day = today + timedelta(days=14)
        while not is_open(day):
            day += timedelta(days=1)
        t = g.rng.choice(free_slots(world, day))
        words = (
            ["in two weeks", "two weeks from today"] if day == today + timedelta(days=14) else []
        ) + [f"{day:%B} {ordinal(day.day)}"]
        ask = tuple(f"{w} at {g.say_time(t)}" for w in words)
        goal = Goal("book", ask=ask, accept=frozenset({(day, t)}))
        return world, goal, g.style(), f"{day} via '{words[0]}'"
    day = g.open_day(now, 3, 20)
    t = g.rng.choice(free_slots(world, day))
    if variant == "nth":
        words = [
            f"the {ordinal(day.day)}",
            f"{WEEKDAYS[day.weekday()]} the {ordinal(day.day)}",
        ]
    else:
        words = [f"{day:%B} {ordinal(day.day)}", f"{ordinal(day.day)} of {day:%B}"]
    ask = tuple(f"{w} at {g.say_time(t)}" for w in words)
    goal = Goal("book", ask=ask, accept=frozenset({(day, t)}))
    return world, goal, g.style(), f"{day} {t:%H:%M} via '{words[0]}'"


def gen_confirmation_code(g: Gen) -> Made:
    now = g.now(*CLOCKS[:4])
    today = now.astimezone(TIMEZONE).date()
    holdings = _holdings(g, now, g.rng.choice((1, 2)))
    caller = g.person(tuple(holdings))
    world = _world(g, now, caller, True)
    target_i = g.rng.randrange(len(holdings))
    refs = _refs(g, holdings[target_i], today) if len(holdings) > 1 else ()
    goal = Goal("code", target=target_i, target_refs=refs)
    return world, goal, g.style(), f"asks for the code of 1 of {len(holdings)}"


def gen_goodbye_midflow(g: Gen) -> Made:
    world, goal, style, what = _book_day(g)
    if g.rng.random() < 0.4:
        holdings = _holdings(g, world.now, 1, avoid=world.taken())
        caller = replace(world.caller, holdings=tuple(holdings))
        world = replace(world, caller=caller, returning=True)
        goal = Goal("reschedule", ask=goal.ask, accept=goal.accept, target=0)
        what = "returning caller starts a reschedule"
    after = g.rng.choice((1, 2, 3))
    goal = replace(goal, hang_up_after=after)
    return world, goal, replace(style, upfront=False), f"{what}; hangs up after {after} turns"


def gen_yes_no_variants(g: Gen) -> Made:
    variant = g.rng.choice(("book", "cancel", "keep"))
    if variant == "book":
        world, goal, style, what = _book_day(g)
        return world, goal, style, f"{what}; hedged yes/no"
    now = g.now(*CLOCKS[:4])
    today = now.astimezone(TIMEZONE).date()
    holdings = _holdings(g, now, 1)
    caller = g.person(tuple(holdings))
    world = _world(g, now, caller, True)
    refs = _refs(g, holdings[0], today)
    if variant == "cancel":
        return world, Goal("cancel", target=0, target_refs=refs), g.style(), "cancels, says yes"
    day = g.open_day(now, 2, 8)
    t = g.rng.choice(free_slots(world, day))
    day_text = g.say_day(day, today)
    goal = Goal(
        "reschedule",
        ask=tuple(f"to {p}" for p in g.times_phrase(day_text, t)),
        accept=frozenset({(day, t)}),
        target=0,
        target_refs=refs,
        declines_all=True,
    )
    return world, goal, g.style(), "asks to move, then keeps it after all"


def gen_off_topic_then_booking(g: Gen) -> Made:
    world, goal, style, what = _book_day(g)
    q = question("off_topic", g.split)
    return world, replace(goal, questions=(q,)), replace(style, upfront=False), f"off-topic, {what}"


def gen_clinic_questions(g: Gen) -> Made:
    topics = g.rng.sample(["hours", "weekend", "address", "person", "insurance", "parking"], 2)
    then_book = g.rng.random() < 0.5
    if then_book:
        world, goal, style, what = _book_day(g)
    else:
        now = g.now()
        world = _world(g, now, g.person(), False)
        goal, style, what = Goal("none"), g.style(), "questions only"
    qs = tuple(question(t, g.split) for t in topics)
    return (
        world,
        replace(goal, questions=qs),
        replace(style, upfront=False),
        (f"asks {' and '.join(topics)}; {what}"),
    )


def gen_id_first(g: Gen) -> Made:
    now = g.now(*CLOCKS[:4])
    today = now.astimezone(TIMEZONE).date()
    variant = g.rng.choice(("book_new", "check", "reschedule", "cancel"))
    if variant == "book_new":
        world, goal, style, what = _book_day(g, now=now)
        return world, goal, replace(style, id_first=True, upfront=False), f"{what}; id first"
    holdings = _holdings(g, now, 1)
    caller = g.person(tuple(holdings))
    world = _world(g, now, caller, True)
    refs = _refs(g, holdings[0], today)
    if variant == "check":
        goal = Goal("check")
    elif variant == "cancel":
        goal = Goal("cancel", target=0, target_refs=refs)
    else:
        day = g.open_day(now, 2, 8)
        t = g.rng.choice([s for s in free_slots(world, day)])
        day_text = g.say_day(day, today)
        goal = Goal(
            "reschedule",
            ask=tuple(f"to {p}" for p in g.times_phrase(day_text, t)),
            accept=frozenset({(day, t)}),
            target=0,
            target_refs=refs,
        )
    return world, goal, g.style(id_first=True), f"returning caller, id first, {variant}"


def gen_already_holds(g: Gen) -> Made:
    now = g.now(*CLOCKS[:4])
    today = now.astimezone(TIMEZONE).date()
    holdings = _holdings(g, now, 1, lo=2)
    caller = g.person(tuple(holdings))
    world = _world(g, now, caller, True)
    h = holdings[0]
    day_text = g.say_day(h.day, today)
    slot = (h.day, h.start)
    goal = Goal(
        "book", ask=g.times_phrase(day_text, h.start), accept=frozenset({slot}), holds_already=slot
    )
    return world, goal, g.style(upfront=False), f"asks for {h.day} {h.start:%H:%M}, already theirs"


def gen_declines_every_offer(g: Gen) -> Made:
    world, goal, style, what = _book_day(g)
    return world, replace(goal, declines_all=True), style, f"{what}; declines everything"


def gen_wrong_number_corrected(g: Gen) -> Made:
    world, goal, style, what = _book_day(g)
    caller = world.caller
    digits = list(caller.phone)
    i = g.rng.randrange(3, 10)
    digits[i] = str((int(digits[i]) + g.rng.randint(1, 8)) % 10)
    wrong = "".join(digits)
    others = world.others
    if g.rng.random() < 0.5:  # the wrong number is somebody else's
        held = _holdings(g, world.now, 1, avoid=world.taken() | goal.accept)
        someone = Person(g.name(_OTHER_NAMES), wrong, tuple(held))
        others = (*others, someone)
        what += "; wrong number belongs to another patient"
    world = replace(world, others=others)
    style = replace(style, upfront=False, phone_split="none")
    return world, replace(goal, wrong_phone=wrong), style, f"{what}; gives a wrong number first"


def gen_check_appointments(g: Gen) -> Made:
    now = g.now(*CLOCKS[:4])
    holdings = _holdings(g, now, g.rng.choice((1, 2, 3)))
    caller = g.person(tuple(holdings))
    world = _world(g, now, caller, True)
    return world, Goal("check"), g.style(), f"checks {len(holdings)} appointments"


def gen_availability(g: Gen) -> Made:
    world, goal, style, what = gen_part_of_day(g)
    if g.rng.random() < 0.5:
        return world, replace(goal, task="availability"), style, f"availability only: {what}"
    return world, replace(goal, notes="availability_first"), style, f"asks, then books: {what}"


def gen_odd_times(g: Gen) -> Made:
    now = g.now()
    today = now.astimezone(TIMEZONE).date()
    day = g.open_day(now, 1, 7)
    caller = g.person()
    world = _world(g, now, caller, False)
    day_text = g.say_day(day, today)
    variant = g.rng.choice(("half_past", "colon", "after_hours", "too_early"))
    if variant in ("half_past", "colon"):
        h = g.rng.choice((9, 10, 11, 13, 14))
        words = f"half past {_hour_word(h)}" if variant == "half_past" else f"{h % 12 or 12}:30"
        accept = _free(world, day, frozenset({time(h), time(h + 1)}))
    elif variant == "after_hours":
        words = g.rng.choice(("5:30", "five thirty", "six pm", "half past five"))
        accept = _free(world, day, frozenset({time(14), time(15)}))
    else:
        words = g.rng.choice(("7 am", "seven in the morning", "eight am"))
        accept = _free(world, day, frozenset({time(9), time(10)}))
    ask: tuple[str, ...] = (f"{day_text} at {words}", f"{words} {on_day(day_text)}")
    goal = Goal("book", ask=ask, accept=accept)
    return world, goal, g.style(), f"asks for {words} on {day}; accepts the nearest"


def _hour_word(h: int) -> str:
    return (
        "twelve",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
    )[h % 12]


GENERATORS: dict[str, Callable[[Gen], Made]] = {
    "new_caller": gen_new_caller,
    "phone_formats": gen_phone_formats,
    "phone_in_pieces": gen_phone_in_pieces,
    "self_correction": gen_self_correction,
    "closed_day": gen_closed_day,
    "slot_taken": gen_slot_taken,
    "reschedule_by_description": gen_reschedule_by_description,
    "cancel_one_of_several": gen_cancel_one_of_several,
    "earliest": gen_earliest,
    "part_of_day": gen_part_of_day,
    "dates": gen_dates,
    "confirmation_code": gen_confirmation_code,
    "goodbye_midflow": gen_goodbye_midflow,
    "yes_no_variants": gen_yes_no_variants,
    "off_topic_then_booking": gen_off_topic_then_booking,
    "clinic_questions": gen_clinic_questions,
    "id_first": gen_id_first,
    "already_holds": gen_already_holds,
    "declines_every_offer": gen_declines_every_offer,
    "wrong_number_corrected": gen_wrong_number_corrected,
    "check_appointments": gen_check_appointments,
    "availability": gen_availability,
    "odd_times": gen_odd_times,
}


def generated(category: str, split: Split, index: int) -> CorpusCall:
    g = Gen(category, split, index)
    world, goal, style, description = GENERATORS[category](g)
    call_id = f"{split}/{category}/{index:02d}"
    seed = zlib.crc32(call_id.encode()) % 1_000_000
    return CorpusCall(
        id=call_id,
        category=category,
        split=split,
        world=world,
        goal=goal,
        style=style,
        seed=seed,
        description=description,
    )


# --- fixed scripts ----------------------------------------------------------------------------
_SLOT = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
"""A slot in a script ("2026-12-03 14:00"); in ``must_not_say``, an appointment not to name."""


def _slot(text: str) -> Slot:
    day, hour = text.split()
    return date.fromisoformat(day), time.fromisoformat(hour)


def _person(data: dict[str, Any]) -> Person:
    return Person(
        name=str(data["name"]),
        phone=str(data["phone"]),
        holdings=tuple(Holding(*_slot(h)) for h in data.get("holdings", [])),
    )


def _also_move(data: dict[str, Any] | None) -> tuple[int, frozenset[Slot]] | None:
    """``also_move = { target = 1, accept = ["2026-12-03 14:00"] }``: a second move."""
    if data is None:
        return None
    return int(data["target"]), frozenset(_slot(s) for s in data.get("accept", []))


def load_scripts(path: Path = SCRIPTS_PATH, *, split: Split | None = None) -> list[CorpusCall]:
    """The fixed scripts of one file. ``split`` puts every call in that split (a call naming
    another one is an error); without it each call says its own (default ``dev``)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    calls: list[CorpusCall] = []
    for item in data["call"]:
        now = datetime.fromisoformat(item.get("now", "2026-11-25T10:00")).replace(tzinfo=TIMEZONE)
        world = World(
            now=now,
            caller=_person(item["caller"]),
            returning=bool(item.get("returning", False)),
            others=tuple(_person(p) for p in item.get("others", [])),
        )
        questions = tuple(
            Question(
                topic=q["topic"],
                lines=(),
                expect=tuple(tuple(x.lower() for x in alt) for alt in q.get("expect", [])),
            )
            for q in item.get("questions", [])
        )
        task: Task = item.get("task", "none")
        goal = Goal(
            task=task,
            accept=frozenset(_slot(s) for s in item.get("accept", [])),
            target=item.get("target"),
            also_cancel=tuple(int(i) for i in item.get("also_cancel", [])),
            also_move=_also_move(item.get("also_move")),
            questions=questions,
            holds_already=_slot(item["holds_already"]) if "holds_already" in item else None,
            wrong_phone=item.get("wrong_phone"),
            declines_all=bool(item.get("declines_all", False)),
            taken_back=frozenset(_slot(s) for s in item.get("taken_back", [])),
            also_book=frozenset(_slot(s) for s in item.get("also_book", [])),
            must_not_say=tuple(w for w in item.get("must_not_say", []) if not _SLOT.fullmatch(w)),
            must_not_tell=frozenset(
                _slot(w) for w in item.get("must_not_say", []) if _SLOT.fullmatch(w)
            ),
        )
        named = item.get("split")
        if split is not None and named not in (None, split):
            raise ValueError(
                f"{path.name}: script {item['id']} says split {named!r}, not {split!r}"
            )
        call_split: Split = split or named or "dev"
        if call_split not in SPLITS:
            raise ValueError(f"{path.name}: script {item['id']}: unknown split {call_split!r}")
        calls.append(
            CorpusCall(
                id=f"{call_split}/script/{item['id']}",
                category=item["category"],
                split=call_split,
                world=world,
                goal=goal,
                lines=tuple(item["lines"]),
                description=item.get("description", ""),
                corrected_at=item.get("corrected_at"),
            )
        )
    return calls


@functools.cache
def corpus() -> tuple[CorpusCall, ...]:
    """Every call: generated (per category and split) and fixed scripts, the strangers' too."""
    calls = [
        generated(category, split, i)
        for category in GENERATORS
        for split, count in PER_CATEGORY.items()
        for i in range(count)
    ]
    calls += load_scripts()
    for split, path in SCRIPT_FILES.items():
        calls += load_scripts(path, split=split)
    for call in calls:
        validate(call)
    ids = [c.id for c in calls]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ValueError(f"duplicate corpus ids: {sorted(duplicates)}")
    return tuple(calls)


def validate(call: CorpusCall) -> None:
    """A call the clinic can hold: distinct numbers, free and bookable seeded slots, a goal
    that can succeed. Raises ValueError naming the call."""
    world, goal = call.world, call.goal
    people = (world.caller, *world.others)
    phones = [p.phone for p in people]
    problems: list[str] = []
    if len(set(phones)) != len(phones):
        problems.append("two people share a number")
    if any(len(p) != 10 or not p.isdigit() for p in phones):
        problems.append("a number is not ten digits")
    slots = [(h.day, h.start) for p in people for h in p.holdings]
    if len(set(slots)) != len(slots):
        problems.append("two seeded appointments share a slot")
    if any(not is_bookable(world.now, d, t) for d, t in slots):
        problems.append("a seeded appointment is not a future open slot")
    if not world.returning and world.caller.holdings:
        problems.append("a new caller holds appointments")
    if goal.task in ("book", "reschedule") and not goal.accept and not goal.declines_all:
        problems.append("nothing acceptable")
    if goal.task in ("reschedule", "cancel") and goal.target is None:
        problems.append("no target appointment")
    if goal.target is not None and goal.target >= len(world.caller.holdings):
        problems.append("the target is not one of the caller's appointments")
    if goal.also_cancel and (
        goal.task not in ("book", "reschedule", "cancel")
        or goal.declines_all
        or goal.target in goal.also_cancel
        or any(not 0 <= i < len(world.caller.holdings) for i in goal.also_cancel)
    ):
        problems.append("also_cancel names no other appointment of the caller beside a change")
    if goal.also_move is not None and (
        goal.task != "reschedule"
        or goal.declines_all
        or goal.also_move[0] in (goal.target, *goal.also_cancel)
        or not 0 <= goal.also_move[0] < len(world.caller.holdings)
        or not goal.also_move[1]
    ):
        problems.append("also_move names no other appointment of the caller beside a move")
    if goal.also_book and (goal.task != "book" or goal.declines_all):
        problems.append("also_book beside something other than one booking")
    if goal.also_book and not {s for s in goal.also_book if is_bookable(world.now, *s)} - (
        world.taken()
    ):
        problems.append("every slot of the second booking is taken or closed")
    if goal.must_not_tell - {(h.day, h.start) for p in world.others for h in p.holdings}:
        problems.append("must_not_say names a slot nobody else holds")
    if goal.holds_already is None and goal.task == "book" and not goal.declines_all:
        free = {s for s in goal.accept if is_bookable(world.now, *s)} - world.taken()
        if not free:
            problems.append("every accepted slot is taken or closed")
    if problems:
        raise ValueError(f"corpus call {call.id}: {'; '.join(problems)}")


def by_id(call_id: str) -> CorpusCall:
    for call in corpus():
        if call.id == call_id:
            return call
    raise KeyError(call_id)


def categories() -> list[str]:
    return sorted({c.category for c in corpus()})
