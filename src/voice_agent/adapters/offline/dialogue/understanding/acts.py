"""What a caller is doing with an utterance: asking for a task, answering yes or no, saying
goodbye, asking a question about the clinic, correcting themselves, giving their name.

Patterns run on the joined lower-case tokens ("that's" -> "thats", "I'd" -> "id").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Final, Literal

from voice_agent.adapters.offline.dialogue.understanding.numbers import digit_runs
from voice_agent.adapters.offline.dialogue.understanding.spelling import distance
from voice_agent.adapters.offline.dialogue.understanding.tokens import (
    WEEKDAY_WORD,
    Token,
    fold,
    hour_words,
    word_set,
)
from voice_agent.domain.datetimes import MONTHS, WEEKDAY_NAMES
from voice_agent.domain.spoken_numbers import ORDINALS, TEENS, TENS, UNITS

Task = Literal["book", "availability", "list", "reschedule", "cancel", "code", "change"]
"""What a caller wants done; "change" is "I can't make it": move or cancel, asked next."""

_F = r"(?:(?:um+|uh+|oh|well|ah+|hmm+|er+|erm|so|okay so|ok so|eh|mm+)\s+)*"
_FOREIGN_YES = r"(?:si|ja|oui|da|tak|hai|haan|aywa|sim|claro|genau|daccord|vale|jawohl|evet|naam)"
_FOREIGN_NO = r"(?:nao|nein|non|nie|nahi|nahin|iie|nyet|niet|hayir)"
_FOREIGN_AFTER_YES = (
    rf"(?=\W*$|\s+(?:{_FOREIGN_YES}|perfecto|perfeito|perfekt|parfait|bueno|bien|gut|dobrze"
    r"|theek|ji|correct|please|yes|yeah|ok|okay|thats|book|go|sure|fine|right|exactly|good"
    r"|great|thank|thanks|gracias|merci|danke|obrigad[oa])\b)"
)
"""A yes or a no in the caller's first language ("sí, perfecto", "ja, genau", "oui, d'accord",
"tak tak", "não, obrigado", "nein danke"), accents folded: a yes only said alone or before
another yes or thanks, so "hai" typed for "hi" before a request is no yes."""
FOREIGN_THANKS: Final = (
    r"gracias|merci|danke|obrigad[oa]|spasibo|shukran|arigato|dziekuje|grazie|dhanyavaad"
    r"|shukriya|tesekkurler|mahalo|xie xie|kamsahamnida|dank je"
)
_FOREIGN_BYE = (
    r"adios|au revoir|tschuss|ciao|tchau|chau|arrivederci|sayonara|do svidaniya|hasta luego"
    r"|auf wiedersehen|ma ?a? ?salama|do widzenia|dowidzenia|adeus|hosca kal|tot ziens"
)
_CLOCK = (
    rf"(?:\d{{1,2}}|{hour_words('noon')})"
    r"(?:(?::| )?(?:\d\d|thirty|fifteen|forty five|o ?clock))?(?: ?(?:am|pm|a m|p m))?"
)
"""A time of day as said ("9", "nine thirty", "ten o clock", "2 pm"): for a yes that names it."""

CANCEL: Final = re.compile(
    r"\bcancel|\bcall (?:it |that )?off\b|\bcalling (?:it )?off\b|\bdelete\b|\bremove\b"
    r"|\bdont need (?:it|my appointment|the appointment|that appointment) anymore\b"
    # "and the Thursday one I don't need any more"
    r"|\b(?:dont|do not|wont|will not) need (?:it |that |this |that one |this one )?any ?more\W*$"
    r"|\bdont (?:want|need) (?:it|my|the|that) ?(?:appointment|booking|visit)? ?"
    r"(?:anymore|any more|after all)\b"
    r"|\bno longer (?:need|want) (?:it|my|the|that)\b"
    # the one held named between: "I don't need the appointment on Thursday any more", "we
    # don't need my 10 o'clock booking after all", "I won't be needing Thursday's appointment
    # now" (not "I don't need the appointment to be early any more": what it is, not whether)
    r"|\b(?:dont|do not|wont|will not|shant|no longer) (?:think (?:i|we) (?:ll |will )?)?"
    r"(?:really |actually )?(?:be )?need(?:ing)? (?:my|the|that|this|our)\b"
    r"(?:(?!\b(?:to|but|and|so|if)\b)[a-z0-9 ]){0,30}?"
    r"\b(?:appointment|appt|booking|visit|slot|one)s?\b"
    r"(?:(?!\b(?:to|but|and|so|if)\b)[a-z0-9 ]){0,30}?"
    r" (?:any ?more|after all|now|at all)\b(?! (?:to|for|but|as|because)\b)"
    r"|\b(?:dont|do not|wont|will not|shant|no longer) (?:really |actually )?(?:be )?"
    r"need(?:ing)? (?:mon|tues|wednes|thurs|fri|satur|sun)day (?:appointment|appt|booking"
    r"|visit|slot)\b"
    # the weekday alone, said to be needed no more: "I don't think I need Friday anymore",
    # "we won't need Thursday now" (not "I don't need Friday, Monday's fine": a day not wanted)
    r"|\b(?:dont|do not|wont|will not|shant) (?:think (?:i|we) (?:ll |will )?)?(?:really "
    r"|actually )?(?:be )?need(?:ing)? (?:(?:my|the|that|this|our) )?"
    r"(?:mon|tues|wednes|thurs|fri)days?(?: (?:one|appointment|appt|booking|visit))?"
    r" (?:any ?more|after all|now)\b(?! (?:to|for|but|as|because)\b)"
    r"|\bdrop (?:it|my appointment|the appointment)\b|\bget rid of\b"
    # "I need to drop one of them", "the sooner of the two can go"
    r"|\bdrop one of (?:them|those|my (?:appointments|bookings))\b"
    r"|\b(?:of the (?:two|three)|in between|in the middle) can go\b(?! (?:to|on|at|in)\b)"
    # "drop the Wednesday one", "take off the last two" (not "drop my daughter at nursery")
    r"|\bdrop (?:the|my) (?:\w+ )?(?:one|appointment|booking)\b"
    r"|\bdrop (?:the|my) (?:mon|tues|wednes|thurs|fri)day(?: one)?\b"
    r"|\btake off (?:the|my) (?:\w+ )?(?:one|ones|two|three|four|appointments?|bookings?)\b"
    # "scrap the first one", "ditch the Tuesday", "cross it off", "bin that one"
    # ("actually no, scrap that, Fridays are bad": taking back one's own words, not a cancel)
    r"|\b(?:scrap|scrub|ditch|bin|nix|axe|strike) (?:it|this|the|my|both|them)\b"
    r"|\b(?:scrap|scrub|ditch|bin|nix|axe|strike) that(?= (?:one|appointment|booking|visit"
    r"|too|as well|for me)\b)"
    # (not "I'll have to take the morning off": time off work)
    r"|\b(?:cross|strike|take|knock) (?:it|that|this|that one|this one"
    r"|the (?!(?:morning|afternoon|evening|day|days|week|weekend|time|rest|hour)\b)\w+"
    r"(?: one)?) off\b"
    # "can you take me off the list", "cross my name off for Tuesday", "strike us off the
    # books" (not "take me off hold", "take me off the waiting list")
    r"|\b(?:take|cross|strike|scratch|knock|rub) (?:me|us|my name|our names?|him|her|them)"
    r" off\b(?! (?:hold|mute|speaker|the (?:phone|line|waiting list|wait list)|your waiting)\b)"
    # "I only need the one on the 14th, the other one can go"
    r"|\bthe other (?:one |appointment |booking )?(?:can go|can be cancelled|isnt needed)\b"
    # "my wife won't need hers on Wednesday", "he doesn't need his any more"
    r"|\b(?:wont|will not|doesnt|does not|dont|do not|wouldnt|no longer) (?:be )?need(?:s|ing)?"
    r" (?:hers|his|theirs)\b"
    # "I won't be needing my appointment", "we will not be needing the booking"
    r"|\b(?:wont|will not|shant) (?:be )?need(?:ing)? (?:it|my|the|that|our)\b"
    # "I don't think I'll be needing my Thursday appointment anymore"
    r"|\b(?:dont|do not) (?:think|expect|imagine) (?:ill|i will|i ll|well|we will|we ll|id|i d)"
    r" (?:be )?need(?:ing)? (?:it|my|the|that|our|this)\b"
    # "knock my Wednesday appointment on the head", "take a rain check on Friday's"
    r"|\bknock (?:it|that|this|(?:my|the|our) [a-z]+(?: (?:one|appointment|booking|visit))?)"
    r" on the head\b"
    r"|\b(?:take|taking|have to take|need a) (?:a )?rain ?check on\b"
    # "both my January appointments can go", "the Friday one can go now" (not "can go to ...")
    r"|\b(?:appointments?|appts?|ones?|bookings?|both of them|they) can (?:all |both )?go\b"
    r"(?! (?:to|on|at|in|ahead|back|for|through|forward|over|later|earlier|instead|under|down"
    r"|into)\b)"
    # "whatever I've got that week has to go", "the Friday one will have to go", "both
    # bookings need to go" (not "it has to go ahead", "the one that has to go to the 9th")
    r"|\b(?:appointments?|appts?|ones?|bookings?|both of them|all of them|(?:whatever|everything)"
    r" (?:ive|weve|i ve|we ve|i have|we have)(?: got)?"
    r"(?: (?:that|this|on that|in that) (?:week|day)| then)?)"
    r" (?:has to|have to|will have to|ll have to|needs to|need to|must|ll|will) (?:all |both )?go\b"
    # (only where nothing says where it goes: not "will have to go a week later")
    r"(?=$| (?:im|i m|i am|afraid|now|then|too|as well|please|so|sorry|unfortunately|anyway"
    r"|and|but|because|cause|cos|thanks|thank you|i think|i guess)\b)"
)
RESCHEDULE: Final = re.compile(
    r"\breschedul|\bre schedul|\bchange (?:it|my|the|that|this)\b|\bchanging\b|\bmove\b|\bmoving\b"
    # a learner's "my appointment on Tuesday at eleven, I need on Thursday": the one held,
    # wanted on another day
    r"|\bmy (?:appointment|appt|booking) (?:on|for|at) [a-z0-9 ]{0,40}?\bi (?:need|want|would like)"
    rf"(?: it)? (?:on|for|to) (?:the )?(?:next )?{WEEKDAY_WORD}"
    # formal: "I must alter the arrangements for my appointment", "could we alter it?"
    r"|\balter (?:it|my|the|that|this|our)\b|\baltering (?:it|my|the|that|this|our)\b"
    # "I need to change tomorrow's appointment", "change Friday's booking"
    r"|\bchange (?:[a-z]+(?: is| s)? )?(?:appointment|appt|booking|visit)\b"
    # a learner's "I need change for this Friday", "I want to change to Monday": the one held
    r"|\b(?:need|needs|want|wants|like|wish)(?: to)? change (?:for|to|on|into)\b"
    # "i have apointment friday 2pm but i must change, is possible monday": the one held
    r"|\b(?:must|need to|needs to|have to|has to|got to)(?: to)? change"
    r"(?=\s*(?:$|[,.;!?-]|(?:is|can|could|would|please|but|so|because|possible|maybe|perhaps"
    r"|(?:mon|tues|wednes|thurs|fri)day|today|tomorrow|next|this)\b))"
    r"|\bmodify|\bpush (?:it|my|the|that|this|our)\b|\bpush back\b|\bpostpone|\bprepone|\bpre pone"
    # "could you push me to the next one you've got?", "push us back a week" (not "push me in",
    # squeezed in: a booking)
    r"|\bpush (?:me|us) (?:to|back|forward|till|until|on|onto|into|later|earlier)\b"
    # "Tuesday's needs to go to Friday", "the Monday one has to go to the afternoon"
    r"|\b(?:mon|tues|wednes|thurs|fri)days?(?: s| is)?(?: one| appointment| appt)?"
    r" (?:needs to|has to|must|should|will have to|would have to) go to\b"
    # one held named by its day or hour, with the time said too: "my Wednesday eleven o'clock
    # needs to go to Thursday", "my 3 pm has to move to the Friday", "the Monday 9 am one will
    # have to go to next week"
    r"|\b(?:my|our|the) (?:(?:mon|tues|wednes|thurs|fri)days?|today|tomorrow|todays|tomorrows"
    r"|\d{1,2}(?::\d\d)? ?(?:am|pm|oclock)|(?:" + hour_words() + r") (?:am|pm|oclock|thirty))"
    r"(?: (?:at|the|one|appointment|appt|booking|visit|oclock|am|pm|morning|afternoon|\d{1,2}"
    r"(?::\d\d)?|" + hour_words() + r")){0,4}"
    r"(?: s| is)? (?:needs to|has to|must|should|will have to|would have to|ll have to|got to)"
    r" (?:go|be moved|move|shift) (?:to|over to|till|until|into|onto)\b"
    # "can the one on the 22nd go to the 23rd?", "could my one on the 4th go to the 8th?"
    r"|\b(?:can|could) (?:the|my|that|this) (?:one|appointment|appt|booking)"
    r" (?:on|for) (?:the )?[a-z0-9]+ (?:go|be moved|move) (?:to|till|until|over to)\b"
    # "and the other one, can it go a week later?", "could that go back a day"
    # "can it go to Thursday morning?", "could mine go on the Friday instead"
    r"|\b(?:can|could) (?:it|mine) (?:go|be moved|be put|be changed) (?:to|on|onto|over to)\b"
    # "could it go in the morning, same day?"
    r"|\b(?:can|could) (?:it|mine) (?:go|be moved|be put|be changed) in the"
    r" (?:morning|afternoon)\b"
    # "push Monday the 28th back a day", "push tomorrow forward"
    r"|\bpush (?:(?:mon|tues|wednes|thurs|fri)days?|todays?|tomorrows?)(?: s)?"
    r"(?: the [a-z0-9]+)? (?:back|forward)\b"
    # "the Tuesday one, can that go to the Wednesday?", "could that one be moved to Friday"
    r"|\b(?:can|could) (?:that|this|that one|this one) (?:go|be moved|be put|be changed)"
    r" (?:to|onto|over to) (?:the |next |a |another )?(?:mon|tues|wednes|thurs|fri|day|week"
    r"|following|morning|afternoon|\d)"
    # "can you put it on a morning?", "could you stick it to the Friday", "put it in the
    # afternoon instead" (not "put it down for Thursday", a booking)
    r"|\b(?:can|could|would|will) you (?:put|stick|shift|switch|make) it (?:on|to|onto|into|in)"
    r" (?:a |an |the |another |other )?(?:morning|afternoon|different|other|another|later|earlier"
    r"|mon|tues|wednes|thurs|fri)"
    # "can you put it to when I'm back - Monday the 21st?", "move it till after we're home":
    # the one held, to after a time away
    r"|\b(?:put|move|shift|push|switch|stick) (?:it|that|this|them|mine) (?:back )?"
    r"(?:to|till|until|for)"
    r" (?:when|after) (?:i|we|im|i m|were|we re|i am|we are|ive|weve|i ve|we ve|i get|we get)"
    r"(?: (?:am|are|have|get|got))? (?:back|home|returned|return)\b"
    # "I booked Thursday at nine this morning - can I make it the afternoon?": the one booked
    # before, made another time
    r"|\bbooked (?:me |us |in |myself )?(?:in )?(?:for |on )?(?:the |this |next )?"
    r"(?:monday|tuesday|wednesday|thursday|friday|\d+(?: ?(?:st|nd|rd|th))?)\b.{0,160}?"
    r"\b(?:can|could|would|shall) (?:we|you|i) make (?:it|that)\b"
    r"(?! (?:in|on time|there|to|through|work|at all)\b)"
    # "I rang this morning and booked Monday at ten, but I've a meeting - could it be the
    # afternoon instead?": the one booked before, wanted another time in its place
    r"|\bbooked (?:me |us |in |myself )?(?:in )?(?:for |on )?(?:the |this |next )?"
    r"(?:monday|tuesday|wednesday|thursday|friday|\d+(?: ?(?:st|nd|rd|th))?)\b.{0,160}?"
    r"\b(?:can|could|would) (?:it|that|this|that one|this one) (?:be|go|go to|be moved to)\b"
    r".{0,40}\binstead\b"
    # "I have the appointment on Monday at nine but I have an exam, so I can come in the
    # afternoon the same day", "I've got one Tuesday, we could only do that day after three":
    # the one held, wanted another time that day
    r"|\b(?:have|got) (?:the |an? |my )(?:appointment|appt|booking)\b.{0,120}?"
    r"\b(?:i|we) (?:can|could) (?:only )?(?:come|do|make it|get there|get in)\b.{0,40}?"
    r"\b(?:the same day|same day|that day|instead)\b"
    # "can you put it to after lunch", "could you move it to before ten" (the day held kept)
    r"|\b(?:can|could|would|will) you (?:put|stick|shift|switch|move|push) it (?:to|till|until)"
    r" (?:after|before) (?:lunch|noon|midday|\d|one|two|three|nine|ten|eleven|twelve)"
    # "could each of them go on by a week?", "can they both go back a day"
    r"|\b(?:can|could) (?:they|they both|they all|both of them|each of them|all of them"
    r"|those two) go (?:back|forward|on|later|earlier)\b"
    r"|\b(?:can|could) (?:it|that|that one|this one|the other one) go"
    r" (?:(?:a|one|two|three|a couple of) (?:day|days|week|weeks) )?"
    r"(?:later|earlier|back|forward)\b"
    # of both held: "push them both back a week", "push both into January", "shove both of
    # them on a day"
    # "knock them both back a week", "put each of them a week later", "make both an hour
    # earlier"
    r"|\b(?:push|shove|bump|shift|slide|nudge|knock|move|put|bring|pull|make|have)"
    r" (?:them|those|these|(?:the )?both|the two|each of them|each|all of them)\b"
    r"(?: (?:both|all|two|each|of them))?"
    r"(?: (?:back|forward|up|on|along|later|earlier))?(?: by)? (?:a|an|one|two|three|a couple of)"
    r" (?:day|days|week|weeks|fortnight|hour|hours)\b"
    # "both of my appointments with you need to go back a week", "all my bookings have to go
    # forward a day"
    r"|\b(?:both|all|the two) (?:of )?(?:my|our|them|the)? ?(?:appointments|appts|bookings|ones)?"
    r"(?: [a-z]+){0,3}? (?:need|needs|have|has|will have|must|should) (?:to )?(?:go|move|be moved"
    r"|be pushed|shift) (?:back|forward|later|earlier|on)\b"
    r"|\b(?:push|shove|bump|shift|slide|nudge) (?:them|those|these|(?:the )?both|the two"
    r"|(?:them )?into)\b"
    # "both my appointments next week need to be afternoons", "my two bookings have to be in
    # the morning now", "all my appointments should be later in the day": held, made so (not
    # "both of them need to be after school", two children to book)
    r"|\b(?:both|all|the two|my two|our two)(?: of)?(?: my| our| the)? (?:appointments"
    r"|appts|bookings|ones|visits)(?: [a-z]+){0,3}? (?:need|needs|have|has|will have|must"
    r"|should) (?:to )?be (?:in |on |at )?(?:the |an? )?(?:mornings?|afternoons?|later|earlier"
    r"|different|another)\b"
    # "knock it back a week", "knock the Friday one back a day"
    # (not "knock it on the head", which cancels it)
    r"|\bknock (?:it|that|this|(?:my|the) \w+(?: one| appointment)?) (?:back|forward)\b"
    # each held one to a day: "the Monday one goes to Tuesday", "do Monday's to Thursday"
    r"|\b(?:mon|tues|wednes|thurs|fri)days?(?: s| is)?(?: one| appointment| appt)?"
    r" (?:goes|go|to go|can go|could go|moves|moved) (?:over )?(?:to|till|until)\b"
    r"|\b(?:do|put|switch) (?:my |the )?(?:mon|tues|wednes|thurs|fri)days?(?: s| is)?"
    r"(?: one| appointment)? to\b"
    # typed short: "can u bring my thurs one fwd to tue"
    r"|\bbring (?:my |the )?(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri)(?:day)?s? (?:one |appt |"
    r"appointment )?(?:fwd|forward)\b"
    # one held, made another day: "i have appointment in the friday, i need to make it to
    # monday same hour", "I've got one Tuesday, can you make it Thursday"
    r"|\b(?:have|got) (?:an? |one |my )?(?:appointment|appt|booking|one)\b.{0,60}\bmake it"
    r" (?:to |for |on |into )?(?:(?:next|the) )?(?:mon|tues|wednes|thurs|fri)days?\b"
    # typed short: "mon 1pm - push to next wk same time?"
    r"|\bpush (?:to|till|until) (?:next|the following|a later|another)\b"
    # everyday verbs: "bump my Friday one to Monday", "slide it along a week", "shunt it"
    r"|\b(?:bump|slide|shunt|shove|nudge|scoot) (?:it|that|this|my|the|our)\b"
    # "any chance of shoving it to the afternoon?", "bumping my Friday one"
    r"|\b(?:bumping|sliding|shunting|shoving|nudging|scooting) (?:it|that|this|my|our)\b"
    r"|\bpush (?:mon|tues|wednes|thurs|fri)days?(?: is| s)? (?:one |appointment )?"
    r"(?:to|till|until)\b"
    # "push tomorrows appointment back a week", "push fridays one back", "push tomorrow's
    # appointment to next week", "push Thursday's booking into January"
    r"|\bpush (?:today|tomorrow|(?:mon|tues|wednes|thurs|fri)day)(?:s| s)? (?:appointment|appt"
    r"|booking|visit|one) (?:back|forward|on|to|till|until|into)\b"
    r"|\bbring (?:it |that |(?:my|the) (?:appointment|booking|visit) )?forward\b"
    # "bring my appointment on the 22nd forward", "bring the one for Friday forward"
    r"|\bbring (?:my|the|our) (?:appointment|appt|booking|visit|one) (?:on|for|at) (?:the )?"
    r"[a-z0-9]+(?: [a-z0-9]+)? (?:forward|forwards|earlier|back)\b"
    # a Spanish or Portuguese speaker's "pass" (pasar, passar): "I want to pass my appointment
    # of Thursday for the Monday", "can you pass it to Friday"
    r"|\bpass (?:it|my (?:[a-z]+ )?(?:appointment|appt|booking|visit|consultation|one))"
    r"(?: [a-z0-9]+){0,4}? (?:to|for|into) (?:the |next |this |another |a |other )?"
    r"(?:mon|tues|wednes|thurs|fri|other|different|next|following|day|week|afternoon|morning"
    r"|\d)"
    r"|\bdifferent (?:time|timing|day|date)\b|\banother (?:time|timing|day|date)\b"
    # (a move, not a work shift: "Monday's my long shift", nor a cold that "won't shift")
    r"|\bswitch\b|(?<!my )(?<!long )(?<!night )(?<!work )(?<!late )(?<!early )"
    r"(?<!wont )(?<!doesnt )(?<!didnt )(?<!wouldnt )(?<!just wont )(?<!on )(?<!a )\bshift\b"
    r"|\badjust\b|\brearrang|\bre arrang"
    # "any chance of shifting it to the Thursday?", "shifting my appointment"
    r"|\bshifting (?:it|that|this|my|our|the (?:appointment|booking|one))\b"
    # of bookings held: "can they both go to Friday", "could they be afternoons instead"
    r"|\b(?:ones|appointments|bookings) [a-z ]{0,30}\b(?:can|could) (?:they|those|both)"
    r"(?: both| all)?"
    r" (?:go|be)\b"
    # one held named, wanted moved: "I need the early one moved", "I'd like my Friday
    # appointment changed", "can I have the later one switched" (nothing said after it)
    r"|\b(?:need|needs|want|wants|get|have|like|had) (?:my|the|our) (?:[a-z0-9]+ ){0,3}?"
    r"(?:one|appointment|appt|booking|visit) (?:moved|changed|shifted|rescheduled|switched)\b"
    # "I need Monday's appointment moved to Friday", "can I get it pushed back"
    # ("I'd like them both moved to Friday", "can I have those two changed to mornings")
    r"|\b(?:appointment|appt|booking|it|one|them|those)(?: [a-z0-9]+){0,4}? (?:moved|changed"
    r"|pushed|switched"
    r"|bumped|shifted)"
    r" (?:to|back|forward|up|over|later|earlier)\b"
    # "the first one after New Year, I need that pushed back", "can I get this one moved up"
    r"|\b(?:need|needs|want|wants|get|have|like) (?:that|this)(?: one)? (?:moved|changed|pushed"
    r"|switched|bumped|shifted) (?:to|back|forward|up|over|later|earlier)\b"
    # "could you move it up?", "keep the same day but do it later", "have it an hour earlier"
    r"|\b(?:move|bump|bring) (?:it|that|this|my \w+|the \w+) up\b"
    # "earlier than my 3pm mon?", "anything sooner than my Thursday appointment": the one held
    r"|\b(?:earlier|sooner|later) than (?:my|our|his|her)\b"
    r"(?! (?:lunch|break|work|shift|job|class|classes|school|meeting|flight|train)\b)"
    r"|\b(?:keep|same) (?:the )?(?:same )?day\b.{0,30}\b(?:later|earlier)\b"
    # (not "the one the same day as my Friday one - the later one that day": which one it is)
    r"(?! (?:one|ones|of|appointment|appointments|booking|bookings|slot)\b)"
    r"|\b(?:do|have|make) (?:it|that|this|my \w+ (?:appointment|one)) (?:a (?:bit|little|lot) )?"
    r"(?:later|earlier|sooner)\b"
    r"|\bswap\b|\bmake it (?:later|earlier)\b|\bput it (?:back|off)\b"
    # "the one on the 11th, can that be later in the day?"
    r"|\b(?:can|could) (?:it|that|this|that one|this one|mine) (?:be|go) (?:a (?:bit|little) )?"
    r"(?:later|earlier)\b"
    # movewords58: the move said in the passive, of the one held named or pointed at: "could my
    # Thursday 10 o'clock be moved to Friday?", "can that be switched", "would it be possible
    # for mine to be changed", "I'd like it to be shifted"
    r"|\b(?:can|could|would|will|may|might)(?: (?:you|we))?(?: please)?"
    r" (?:it|that|this|mine|them|those|they|both|my|the|our)\b(?: [a-z0-9]+){0,5}?"
    r"(?: please)? be (?:moved|switched|changed|shifted|swapped|rescheduled|bumped|rearranged"
    r"|pushed (?:back|forward|on)|brought forward|put (?:back|forward|off))\b"
    r"|\b(?:it|that|this|mine|them|that one|this one) to be (?:moved|switched|changed|shifted"
    r"|swapped|rescheduled|bumped|rearranged)\b"
    # of both held: "can both of them go to Tuesday", "could they go over to the 9th"
    r"|\b(?:can|could) (?:they|they both|both of them|each of them|all of them|those two"
    r"|the two of them) (?:go|be moved) (?:to|over to|onto)\b"
    # in place of the one held: "could I come on Friday instead of my Thursday one", "the 9th
    # instead of my appointment on the 3rd"
    r"|\binstead of (?:my|our) (?:[a-z0-9]+ ){0,3}?(?:one|appointment|appt|booking|slot|visit"
    r"|oclock|am|pm|(?:mon|tues|wednes|thurs|fri)days?(?: s)?)\b"
    # the one held wished otherwise: "I'd rather it was the afternoon", "I'd prefer mine to be
    # later"
    r"|\b(?:rather|prefer) (?:it|that|mine|my (?:one|appointment|appt|booking)) (?:was|were"
    r"|to be|be|is)\b"
    # the day held, wished another: "is there any chance Thursday could be Friday instead",
    # "could my Monday be the Tuesday instead"
    rf"|\b{WEEKDAY_WORD}(?: s| one| appointment)? (?:could|can|might|would) (?:be|become)"
    r" [a-z0-9 ]{1,30}?\binstead\b"
    # one held named, then what it could be: "my Wednesday one at two - could it be the
    # morning instead, same day?", "my ten o'clock - could that go to two?"
    r"|\bmy (?:[a-z0-9]+ ){0,3}(?:one|appointment|appt|booking|oclock)\b.{0,100}?"
    r"\b(?:can|could) (?:it|that|this) (?:go to|be [a-z0-9 ]{1,30}\b(?:instead|same day))\b"
    # "I can't do the early one - could it go after the other one?": beside another held
    r"|\b(?:can|could) (?:it|that|this|that one|this one) (?:go|be moved) (?:after|before)"
    r" (?:the other|my other|the (?:\w+ )?one)\b"
    r"|\bchange (?:the )?(?:time|day|date)\b|\bchange (?:one|either|both)\b"
    # "I have this appointment on Wednesday, can it be Thursday instead?"
    r"|\b(?:have|got|booked|made)\b.{0,30}\b(?:appointment|booking)\b.{0,60}"
    r"\b(?:can|could) (?:it|that|this) (?:be|go|make it)\b.{0,40}\binstead\b"
    # "I've got one on the 9th, can we make it the 10th?", "my appointment's Tuesday, could you
    # make that Wednesday": the one held, made another day (not "can I make it in time")
    r"|\b(?:(?:have|got|booked) (?:one|an? (?:appointment|appt|booking|visit))"
    # (the reason may come between: "... but that's my wife's birthday and we're going out
    # for lunch, could we make it the 15th?")
    r"|my (?:appointment|appt|booking|visit|one)(?: ?s| is)?)\b.{0,160}?"
    r"\b(?:can|could|would|shall) (?:we|you|i) make (?:it|that)\b"
    r"(?! (?:in|on time|there|to|through|work|at all)\b)"
    # "could my Wednesday appointment go to the Tuesday?", "can my 9am one be the afternoon?"
    # ("can the early one go into the afternoon, same day")
    r"|\b(?:can|could|would|will) (?:my|our|the|his|her) (?:[a-z0-9]+ ){0,2}"
    r"(?:appointment|appt|booking|visit|one) (?:go|be|come|change|switch)"
    r" (?:to|on|over|in|into|onto)\b"
    # the visit held named by its kind: "can the follow-up go to that Friday?", "could my
    # check-up be moved to the 14th?" (not "can I book a check-up for Friday")
    r"|\b(?:can|could|would|will) (?:my|our|the|his|her) (?:[a-z0-9]+ ){0,2}"
    r"(?:follow up|followup|check up|checkup|physical|consultation|review|scan|blood test)"
    r" (?:go|be moved|move|be put|be changed|shift|switch) (?:to|over to|onto|till|until)\b"
    # "can my wednesday three oclock go to thursday?", "could my 9 am move to the afternoon?"
    r"|\b(?:can|could|would|will) (?:my|our) (?:monday|tuesday|wednesday|thursday|friday"
    r"|today|tomorrow|\d{1,2}(?:st|nd|rd|th)?|\d{1,2}:\d\d|" + hour_words() + r")"
    r"(?: [a-z0-9:]+){0,3}? (?:go|move|change|switch|shift) (?:to|over to)\b"
    # "if I cancelled my Tuesday one, could I get Thursday morning instead?": a move asked about
    r"|(?P<what_if>\bif (?:i|we) (?:cancel(?:led|ed)?|gave up|dropped|let go of) (?:my|our|the) "
    r"(?:[a-z0-9]+ ){0,3}?(?:appointment|appt|booking|one|slot)\b.{0,60}"
    r"\b(?:could|can|would|will) (?:i|we) (?:get|have|take|do|come)\b)"
)
AVAILABILITY: Final = re.compile(
    r"\bavailab|\bopenings?\b|\bopen slots?\b|\bfree (?:slots?|times?|spots?)\b|\bwhat times\b"
    r"|\bwhich times\b|\bany (?:slots?|times|openings?|spots?|availability)\b"
    r"|\bwhen are you free\b|\bwhat do you have\b|\bwhat (?:have |ve )?you got\b"
    r"|\bwhatve you got\b|\bwhats free\b"
    r"|\bwhats open\b|\banything (?:free|open|available)\b|\bwhen can i come\b"
    r"|\bdo you have (?:anything|any|something|a slot|an opening|room)\b|\bslots?\b"
    r"|\bwhen could i come\b|\bhave you got anything\b"
    # "do you guys have anything tomorrow?", "have you folks got something Friday?"
    r"|\b(?:do|would|have) you (?:guys|all|folks|lot|people|ladies) (?:have|got|have got) "
    r"(?:anything|something|any\w*|a slot|an opening|room|space)\b(?! else)"
    # British "have you anything the Wednesday before Christmas?"; "anything Tuesday morning?"
    r"|\bhave you (?:got )?(?:anything|something)\b(?! else)"
    # "Hi there, anything on Friday?", "morning - anything Monday?", and after the name and
    # number: "John Smith, 123 456 7890. Anything on Thursday?"
    r"|(?:^(?:(?:hi|hello|hey|hiya|there|good|morning|afternoon|so|um|uh|and|ok|okay|right"
    r"|yes|yeah|well|oh)\s+)*|(?<=\d )|(?<=\bhere )"
    # (the number said in words: "... five five five, oh nine oh three. Anything on Friday?")
    r"|(?<=\boh )|(?<=\bzero )|(?<=\bone )|(?<=\btwo )|(?<=\bthree )|(?<=\bfour )"
    r"|(?<=\bfive )|(?<=\bsix )|(?<=\bseven )|(?<=\beight )|(?<=\bnine ))"
    r"(?:got )?anything (?:on |for )?"
    r"(?:the )?(?:monday|tuesday|wednesday|thursday|friday|tomorrow|today|next|this)\b"
    # "just wondering what you've got free late next week"
    r"|\bwhat (?:youve|you ve|you have|you) got (?:free|open|available|going)\b"
    # "I'm just seeing what you've got", "wanted to find out what you have"
    r"|\b(?:check(?:ing)?|see(?:ing)?|find(?:ing)? out|know) what (?:youve|you ve|you have|you)"
    r" (?:got|have)\b(?! (?:booked|down|on file|on record|for me|of mine|under)\b)"
    r"|\b(?:if|whether) (?:(?:uh|um|er) )?you (?:had|have|got|have got) (?:(?:uh|um|er) )?"
    r"(?:anything|something|any\w*|a slot)\b"
    # polite: "would you happen to have anything Wednesday?", "whether you'd have anything at
    # all this week", "I wondered if you might possibly have something on Friday"
    r"|\b(?:(?:would|might|could|did|do) you|youd|you d) (?:happen to |possibly |perhaps )*"
    r"(?:have|had) (?:anything|something|a slot|an opening|any (?:time|slots?|room|space))\b"
    r"(?! else)"
    r"|\b(?:if|whether) you (?:might|would|could|may) (?:happen to |possibly |perhaps )*have"
    r" (?:anything|something|a slot|an opening)\b(?! else)"
    rf"|\bdo you have (?:{WEEKDAY_WORD}|tomorrow"
    r"|today|next|this|the \d|\d|any\w*|space|room)\b|\bis there (?:any|a|an)\w* (?:slot|time"
    r"|opening|space|availability)"
    r"|\b(?:whats|what is|when is|when s|whens) (?:the |your )?(?:earliest|soonest|next|first"
    r"|latest|last)"
    r"(?: available| free| open)?(?: appointment| slot| time| opening| one)?\b"
    r"|\b(?:earliest|soonest|first|next) (?:available|opening|free)\b"
    r"|\bhow soon\b|\bwhen (?:can|could) you (?:see|fit|get) me\b"
    r"|\bwhat days? (?:do you have|have you got|you got|are (?:free|open|available))\b"
    r"|\bis there anything\b(?! else)"
    # "i was wondering what you have on friday" (a typed or heard "what do you have")
    r"|\bwhat (?:you have|you ve got|youve got|you got|you have got) (?:on|for|this|next"
    r"|tomorrow|today|monday|tuesday|wednesday|thursday|friday|free|open|available)\b"
    # a learner's "Thursday this week, which hour is free?", "what hours are open Friday"
    r"|\b(?:which|what) (?:hours?|times?|days?) (?:is |are |do you have |you have )?"
    r"(?:still )?(?:free|open|available|empty)\b"
)
LIST: Final = re.compile(
    # "so that leaves me the 16th and the 30th?": what is left, checked
    r"\b(?:that|which) (?:leaves|leaving) (?:me|us) (?:with )?(?:the|my|just|only)\b|"
    r"\bcheck (?:on )?(?:my|when|what|if)\b|\bmy appointments\b|\bwhen is my\b|\bwhens my\b"
    # curt: "when's mine? lost the text", "what time's mine again", "what day is ours"
    r"|\b(?:when is|whens|when s|what (?:time|day|date) is|what (?:time|day|date)s)"
    r" (?:mine|ours|his|hers)\b"
    r"|\bdo i have (?:an|any)\b|\blook up my\b|\bwhat appointments\b|\blist\b|\bupcoming\b"
    r"|\bconfirm my\b|\bremind me\b|\bwhat time is my\b|\bwhich appointments\b"
    r"|\bwhat day is my\b|\bhave i got (?:an|any)\b|\bam i booked\b|\bis my appointment still\b"
    r"|\bdouble check\b|\bcheck my\b|\bcheck for me\b|\bmy next appointments?\b"
    # "could you run through them for me?", "go over my bookings", "read me what I've got"
    r"|\b(?:run|go|read|talk) (?:me )?(?:through|over) (?:them|those|them all|all of them"
    r"|(?:my|all my|the|all the) (?:appointments|appts|bookings|visits|dates)|what i (?:have|ve got"
    r"|got))\b"
    r"|\bwhat (?:are|re) (?:my|our) (?:appointments|appts|bookings)\b"
    # "is my Monday appointment at ten or eleven?": their own, unsure which it is
    r"|\bis (?:my|our) (?:\w+ )?(?:appointment|appt|booking|one|visit)(?: on \w+)?"
    r" (?:at|on|for) [a-z0-9 ]{1,20}? or\b"
    # "just tell me when my own appointment is"
    r"|\bwhen my (?:own |next )?(?:appointment|appt|booking|visit) is\b"
    # "can you tell me when my next one is?", "is the appointment I've already got two weeks
    # from today? what day and time is it?"
    r"|\bwhen my next one is\b"
    r"|\b(?:is|when is|whens) the (?:appointment|appt|booking|one) (?:i ve|ive|i have|i)"
    r" (?:already )?got\b"
    # "I should like to ascertain the date and time of my forthcoming appointment"
    r"|\b(?:the )?(?:date|day|time|details)(?: and (?:the )?(?:date|day|time))? of (?:my|our)"
    r" (?:[a-z]+ )?(?:appointment|appt|booking|visit)s?\b"
    # "I've a feeling I'm down for something with you next week, but I couldn't tell you when"
    r"|\b(?:im|i am|i m|were|we are) (?:down|booked|pencilled) (?:in )?for (?:something"
    r"|an appointment|a visit|one)\b"
    r"|\bwhen (?:are|is) my\b|\bwhat (?:appointments|have) i (?:got|have)\b|\bhave i got\b"
    r"|\bdo i have (?:anything|something)\b|\bwhen (?:it is|is it|its)\b"
    r"|\bwhat(?: have| ?ve) i got\b"  # "what've I got booked"
    # "what's left on my name?", "what's still under my account", "what have I got left?"
    r"|\bwhat(?:s| is) (?:left|still|still left|remaining|still booked) (?:on|under|in|for)"
    r" (?:my|our|the) (?:name|account|file|record|books?)\b"
    r"|\bwhat (?:do i|have i got|ive got|i have|do we|have we got) (?:still )?(?:left|remaining)\b"
    # "I forgot the date", "a reminder text ... confirm it's still on"
    r"|\b(?:forgot|forget|forgotten|dont remember|cant remember|lost) (?:if|whether) (?:i|we|it)\b"
    # (not "I forgot the school run": the date, the time or the appointment itself forgotten;
    # nor "it's Thanksgiving, I forgot - what about Friday": a new ask after it)
    r"|\b(?:forgot|forget|forgotten|dont remember|cant remember|lost) (?:what|which|when)\b"
    r"(?! about\b)"
    r"|\b(?:forgot|forget|forgotten|dont remember|cant remember|lost) (?:the|my)"
    r" (?:(?:appointment|appt|booking|visit)s? )?(?:date|day|time|appointment|appt|booking)s?\b"
    r"|\bconfirm (?:it|that|the appointment|my booking|the booking|its|it is)\b"
    r"|\b(?:its|it is|is it|thats|that is|is that|is my \w+|im) still (?:on|booked|scheduled"
    r"|happening|going ahead)\b"
    # "and the Monday and Friday are still at ten?", "so I'm still down for the 17th?"
    r"|\b(?:and|so) (?:the|my) .{0,30}\b(?:is|are) still (?:at|for)\b"
    r"|\b(?:im|i am|am i|are we|were) still (?:down|booked|pencilled) (?:for|in)\b"
    # "just ringing to make sure my Thursday 2 o'clock is still on"
    r"|\bmake sure (?:my|that my|the|that the) .{0,40}\bis still (?:on|booked|happening)\b"
    # (not one still to come: "will I still get the reminder text for the new one?")
    r"|(?<!\bwill i )(?<!\bwill i still )(?<!\bwould i )(?<!\bwould i still )(?<!\bdo i )"
    r"(?<!\bdo i still )(?<!\bshall i )\b(?:got|had|received|get) (?:a|the|your|my)"
    r" (?:reminder|text|message)\b"
    # "can you tell me what I have booked?", "no idea when I'm supposed to come in"
    r"|\bwhat (?:do )?(?:i|ive) (?:have|got|ve got) (?:booked|scheduled|coming up)\b"
    r"|\bwhen (?:im|i am|am i) (?:supposed|meant|due|scheduled|booked) (?:to|for|in)\b"
    # "I wanted to know when I'm coming in next", "when are we in next?": their next visit
    r"|\bwhen (?:im|i am|am i|are we|were|we are|is he|is she|hes|shes) (?:coming (?:in|back)"
    r"|in|back|seeing you|seeing the doctor)(?: (?:to see you|again))? next\b"
    # "can you tell me when I'm next in?", "when am I next due?", "when do I next come in"
    r"|\bwhen (?:im|i am|i m|am i|do i|should i|have i got to|must i) next"
    r" (?:in|due|booked|coming|come|seeing|see|scheduled)\b"
    # of someone at home, rung for: "when is he next in?", "when's my husband next due?",
    # "when does she next come in", "when are the kids next booked"
    r"|\bwhen(?: is| s|s| does| are| do) (?:he|she|they|(?:my|our) (?:[a-z]+ )?[a-z]+)(?: s)? next"
    r" (?:in|due|booked|coming|come|seeing|see|scheduled)\b"
    # rung back for what was not caught: "I booked for Monday but I didn't catch what time you
    # said", "I rang earlier and never wrote down which day it was" (not a line asked again
    # mid-booking: a booking made before is said first)
    r"|\b(?:booked|made (?:an? |the |my )?(?:appointment|booking)|rang|called|phoned)\b.{0,80}"
    r"\b(?:didnt|did not|never|couldnt|could not|forgot to) (?:quite )?(?:catch|caught|get|got"
    r"|hear|heard|write|wrote|take|took|note|noted|jot|jotted)(?: down)? (?:what|which|the)"
    r" (?:time|day|date)\b"
    # "can you tell me when we're all in?", "when I'm in, I've lost the card" (not "when I'm in
    # town", "when we're in the area": somewhere else)
    r"|\bwhen (?:im|i am|i m|were|we re|we are)(?: all| both)? (?:in|booked in|due in)\b"
    r"(?! (?:town|hospital|the|a|an|work|london|there|here|for|on|at|next|this)\b)"
    # "just checking I still have something on the 22nd"
    r"|\bcheck(?:ing)? (?:that |if |whether )?(?:i|we) (?:still )?(?:have|got|am booked)\b"
    # "just checking I'm in on the 8th at 1", "making sure we're down for Friday", "am I in
    # for Monday?"
    r"|\b(?:check(?:ing)?|make sure|making sure|confirm(?:ing)?) (?:that |if |whether )?"
    r"(?:im|i am|i m|were|we are|we re) (?:still )?(?:booked |pencilled )?(?:in|down)"
    r" (?:on|for|at)\b"
    r"|\b(?:am i|are we) (?:still )?(?:booked |pencilled )?in (?:on|for)\b"
    # a phone menu's words and an assistant's: "Check appointment.", "appointment check",
    # "what's on my calendar at the clinic?", "what do I have in the diary with you?"
    r"|^(?:\w+ )?check (?:an? |the |on (?:my |the )?)?(?:appointments?|appts?|bookings?)\b"
    r"(?! (?:times?|slots?|availability|openings?|for (?:next|this|tomorrow|mon|tue|wed|thu|fri)))"
    r"|^(?:\w+ )?(?:appointment|booking) (?:check|status|lookup|look up)\b"
    r"|\bwhats (?:on|in) (?:my|the) (?:calendar|diary|schedule|agenda)\b"
    r"|\bwhat (?:do i have|have i got|ive got|i have) (?:on|in) (?:my|the) (?:calendar|diary"
    r"|schedule|agenda)\b"
    # "what have you actually got me down for?", "what am I booked in for?"
    r"|\b(?:have|do) you (?:\w+ )?(?:got|have) (?:me|us|my \w+) (?:down|booked|pencilled|in)\b"
    r"|\bwhat (?:am i|are we|is (?:she|he)) (?:\w+ )?(?:down|booked|pencilled|in) for\b"
    # curt: "still on for fri?", "am I still on for Friday?", "we still on for the 9th?"
    r"|^(?:(?:hi|hey|so|and|just checking|checking) )*(?:(?:am i|are we|im|we re|were|we|i) )?"
    r"still on (?:for|on|at)\b"
    # one they hold, unsure of its details: "I have an appointment on a Thursday but I don't
    # know if it's this Thursday or next", "I've got one this week, not sure which number"
    r"|\b(?:i have|ive got|i ve got|i got|i think i have|im booked)(?: got)? (?:an? |my |one )?"
    r"(?:[a-z]+s )?(?:appointment|appt|booking|visit|one)\b.{0,80}\b(?:dont know|do not know"
    r"|not sure|cant remember|dont remember|no idea|forgot|forget"
    # "... I've a docs appt Thursday next week, what time is it?", "I got an appointment
    # tomorrow, is it nine or ten?": its details asked
    r"|what (?:time|day|date) (?:is it|its|it is|was it)"
    r"|(?:is it|its|was it) (?:at |on |the )?[a-z0-9]+ or"
    # "... and I'm blowed if I know when", "... and I haven't a clue which day"
    r"|(?:blowed|blest|blessed|damned|buggered|darned) if i (?:know|remember)"
    r"|havent (?:a|the (?:faintest|foggiest)|got a|got the (?:faintest|foggiest)) (?:clue|idea)"
    r"|no clue|not a clue|couldnt tell you|cant recall|dont recall)\b"
    # "when am I coming in again?", "when are we due back again?": their next visit
    r"|\bwhen (?:am i|are we|is he|is she|do i|do we) (?:coming|due|going|seeing you|booked)"
    r"(?: (?:in|back|down|over|up))? (?:again|next)\b"
    # "just checking what time I'm in on Friday", "what day am I booked for?"
    r"|\bwhat (?:time|day|date) (?:im|i am|i m|am i|were|we are|we re|are we)"
    r" (?:in|booked|down|due|coming in|seeing (?:you|the doctor))\b"
    # what they hold summed up for a check: "great, so I've got Monday and still the 10th,
    # right?", "so I still have the Friday one too, yeah?"
    r"|^(?:\w+ )?(?:so |and )?(?:i ve|ive|i have|i still have|ive still|i ve still)(?: got)?"
    r" (?:[a-z0-9]+ ){0,8}?(?:still|too|as well|both)\b(?: [a-z0-9]+){0,6}"
    r" (?:right|correct|yeah|yes|yeah right|isnt it|havent i|dont i)$"
    # asked again after a change: "so now I've got both - the 7th and the 14th?", "and the
    # Wednesday one's definitely gone now?", "so that's really cancelled?"
    r"|\b(?:so |and )?(?:now )?(?:i ve|ive|i have)(?: got)? (?:both|them both|the two)"
    r"(?: of them)?(?= now\b| the\b| right\b| then\b| yeah\b|$)"
    r"|\b(?:ones|one s|one is|its|it s|it is|thats|that s|that is)"
    r" (?:definitely|really|now|properly) (?:been )?(?:gone|cancelled|canceled|moved|off)\b"
    r"|\b(?:ones|one s|one is|its|it s|it is|thats|that s|that is)"
    r" (?:gone|cancelled|canceled|moved|off) now\b"
    # their own said with a tag asking it back: "I've got the 1st at 1, haven't I?", "I'm down
    # for Friday, aren't I?", "mine's the 9th at 10, isn't it?"
    r"|\b(?:ive|i ve|i have|i got|im|i m|i am)(?: got| booked| down| in)?"
    r" (?!(?:free|busy|off|available|able|not)\b)[a-z0-9: ]{1,60}?"
    r"\b(?:havent|haven t|dont|don t|arent|aren t|aint|didnt|didn t) i\b"
    r"|\b(?:mine|mines|my (?:\w+ )?(?:appointment|appt|booking|one)) (?:is |s |was )?"
    r"[a-z0-9: ]{1,40}?\b(?:isnt|isn t|wasnt|wasn t) it\b"
    # which of two or more it is: "am I 9:30 on the 30th, or is it 9?", "am I the 3rd or the
    # 10th?", "is mine the 3rd at 10 or the 10th at 3?", "is ours on the Tuesday?"
    rf"|\bam i (?:at |on |for |in )?(?:the )?(?:\d|{hour_words('noon')}\b|{WEEKDAY_WORD})"
    r"(?! (?:minutes?|mins?|hours?|days?|weeks?) )"
    r"|\bis (?:mine|ours)\b(?! (?:free|available|open|possible|ok|okay)\b)"
    # "I think I've got three or four, can you tell me when they are?", "how many have I got?"
    r"|\b(?:tell|remind|let) (?:me|us) (?:know )?when (?:they|those|these|them) (?:are|re)\b"
    r"|\bhow many (?:appointments |appts |bookings |visits )?(?:have i|do i have|ive got"
    r"|i ve got|i have got|have we|do we have|am i)\b"
)
BOOK: Final = re.compile(
    # ("go over my bookings", "what are our bookings": those held, not one to make)
    r"\bbook(?!ed|ings\b)|(?<!\bmy )(?<!\bour )\bbookings\b|\bschedule\b|\bscheduling\b"
    r"|\bmake an? (?:appointment|booking)\b|\bset up\b"
    r"|\bnew appointment\b|\bsee (?:the|a|my) (?:doctor|dentist|hygienist|nurse)\b|\bcome in\b"
    r"|\b(?:want|need|like|get|have|want to get|need to get|looking for|after) an appointment\b"
    r"|\b(?:want|need|like|get|make|request)(?: to (?:make|get|book))? (?:an? |the )?appointment\b"
    r"|\bappointment for\b"
    # ("my appointment on Monday" names one the caller holds, not one to book)
    r"|(?<!\bmy )\bappointment (?:on|at|tomorrow|today|next|this)\b"
    r"|\bany chance of (?:something|anything|a slot|a time|an appointment|getting in|seeing)\b"
    r"|\breserve\b|\bappointment for\b|\bfit me in\b|\b(?:get|getting) in\b|\bcan i come\b"
    r"|\bsqueeze me in\b|\bget seen\b|\bcheck ?up\b|\bcleaning\b|\bconsultation\b"
    # "could you put my daughter in the same day", "can you fit my husband in after me"
    r"|\b(?:put|fit|squeeze|pop) (?:my|our) (?:wife|husband|partner|son|daughter|mum|mom"
    r"|mother|dad|father|kid|child|boy|girl|little one|sister|brother|grandma|grandad|grandpa"
    r"|grandson|granddaughter|nan|nana) in\b"
    r"|\bi ll take\b|\bill take\b|\bgrab\b|\b(?:be|being|getting) seen\b"
    r"|\bsee (?:someone|somebody)\b"
    # "is there any chance you could see me in an hour?", "could the doctor see me today?"
    r"|\b(?:can|could|would) (?:you|someone|somebody|anyone|the doctor|a doctor|she|he) (?:see"
    r"|fit|squeeze|take) me\b|\b(?:you|someone|somebody|the doctor) (?:can|could) (?:see|fit"
    r"|squeeze) me\b"
    # "could I have 13:00 on Weds 16th?", "can I get the 10th at 11?": a time or day asked for
    r"|\b(?:can|could|may) (?:i|we) (?:have|get) (?:the )?(?:\d|monday|tuesday|wednesday"
    r"|thursday|friday|mon|tues|wed|weds|thurs|fri|tomorrow|today)"
    r"|\b(?:id|i would|i d) like (?:the|a|an|to come|to get|to see|something)\b"
    # "and I'd like one for myself on Thursday", "I'd like one too"
    r"|\b(?:id|i would|i d) (?:also )?like one (?:for (?:me|myself)|myself|too|as well)\b"
    # "then I'd like Tuesday at 11, please": a day asked for
    r"|\b(?:id|i would|i d) (?:really )?like (?:this |next |this coming )?(?:monday|tuesday"
    r"|wednesday|thursday|friday|tomorrow)\b"
    # hedged: "I'd probably want Thursday", "let's say Tuesday at 2", "maybe go for Friday"
    r"|\b(?:(?:id|i would|i d|i ll|ill|i) (?:probably|maybe|perhaps|possibly|ideally|prefer to)"
    r" (?:want|like|need|take|go for|say|do)|lets say|let s say|lets go for|let s go for|maybe"
    r" go for) (?:the |this |next |this coming )?(?:monday|tuesday|wednesday|thursday|friday"
    r"|tomorrow)\b"
    r"|\bneed (?:a|an) (?:check ?up|cleaning|visit|slot)\b"
    # "I need doctor soon, whatever is free", as learners say it
    r"|\b(?:i|we) (?:need|want) (?:a |the )?doctor\b(?! (?:referral|note|letter|report))"
    r"|\b(?:make|book|schedule|arrange|set up|take|have) (?:an? |another )?(?:doctors? )?visit\b"
    r"|\btake (?:an? |the |one )?appointment\b"
    # a typed "appointment" or "an appt pls" alone: asking for one
    r"|^(?:hi |hello |hey )?(?:an? )?(?:new )?appointments?(?: please| pls| plz)?$"
    # "I want to fix an appointment" (arrange one), "make a new one"
    r"|\bfix (?:an? |one |the |up (?:an? )?)?appointment\b|\b(?:make|book) (?:a )?new one\b"
    r"|\bput me (?:down|in)\b|\bpencil me in\b|\b(?:another|a second) (?:one|appointment|visit)\b"
    # "could you get me in the same day?", "can you slot him in after school?"
    r"|\b(?:get|slot|squeeze|fit) (?:me|us|him|her|them) in\b(?! (?:touch|trouble)\b)"
    # "can I also get one on Friday?": a second appointment beside the one they have
    r"|\balso (?:get|have|book|make|grab|take) (?:one|another)\b"
    r"|\b(?:get|have|book|make) another\b(?! (?:time|day|date|number|go|look|think))"
    # "can I add another the week after?", "add one more for the 9th", "add an appointment"
    r"|\badd (?:in )?(?:another|one more|an? (?:extra |new |second )?(?:appointment|appt|visit"
    r"|booking|slot))\b(?! (?:time|day|date|number|thing|question|go|look|think))"
    r"|\b(?:want|need|like|get|make|request|have|after|looking for)(?: to (?:make|get|book))?"
    r" (?:an? |another )?(?:follow ?up|new|quick|routine|regular|annual|short"
    r"|dental|doctors|check ?up)(?: appointment| visit| appt)?\b"
    # "I'm after something on Friday", "I need something Monday": a time at the clinic
    r"|\b(?:im|i m|i am|were|we are) after (?:something|anything|a slot|a time|a spot)\b"
    r"|\b(?:need|want|after|looking for) (?:something|a slot|a time|a spot)(?: (?:on|for|this"
    r"|next|early|later|in))? (?:monday|tuesday|wednesday|thursday|friday|tomorrow|today|week"
    r"|morning|afternoon)\b"
    # "I'm looking for a morning slot Tuesday or Wednesday": a slot of a kind, to be had
    r"|\b(?:looking for|after|need|want) an? (?:morning|afternoon|early|late|lunchtime|evening)"
    r" (?:slot|spot|appointment|appt)\b"
    # "I have one end of month, but also I need one this week", "we still need one for Friday"
    r"|\balso (?:i |we )?(?:need|want|would like|d like|id like) one\b"
    r"|\b(?:i|we) (?:also |still )?(?:need|want) (?:one|another one) (?:this|next|on|for"
    r"|tomorrow|before|too|as well)\b"
    # after one missed: "can I rebook for Tuesday?", "can I get one Wednesday?", "could I get
    # the same again this Thursday?"
    # (not "I'll rebook once I know my shifts": put off)
    r"|\b(?:can|could|may) (?:i|we) rebook\b|\b(?:want|like|need|wanted|hoping) to rebook\b"
    r"(?! (?:it|that|this|my|the|later|another|once|when|after)\b)"
    r"|\b(?:can|could|may) (?:i|we) (?:get|have) (?:one|the same(?: again)?) (?:on |for |this |next"
    r"|tomorrow|today|monday|tuesday|wednesday|thursday|friday|the week)"
    # "my wife's in on Friday at eleven - could I have one straight after hers?"
    r"|\b(?:can|could|may) (?:i|we) (?:get|have|book|grab) (?:one|a slot|an appointment)"
    r" (?:straight|right|just|directly|immediately) after (?:hers|his|theirs|hers|that|it|that one"
    r"|her|him|them)\b"
    # "the dentist on Tuesday, so it'd have to be Monday or Thursday next week, if you can",
    # "it'll need to be a Friday": the day a visit must be on, said at the opening
    r"|\b(?:itd|itll|it (?:would|will|d|ll)|its got|it has got|it s got) (?:have|need|got) to be"
    r" (?:on )?(?:a |the )?(?:this |next |this coming )?(?:monday|tuesday|wednesday|thursday"
    r"|friday|tomorrow)\b"
)
BOOK_VERB: Final = re.compile(
    r"\bbook(?!ed|ings\b)|\bschedule\b|\bmake an? (?:appointment|booking)\b|\bset up\b"
    r"|\bfit me in\b"
    r"|\bnew appointment\b|\breserve\b|\bsqueeze me in\b|\bget me in\b"
    # "I have one end of month, but also I need one this week", "we still need one for Friday"
    r"|\balso (?:i |we )?(?:need|want|would like|d like|id like) one\b"
    r"|\b(?:i|we) (?:also |still )?(?:need|want) (?:one|another one) (?:this|next|on|for"
    r"|tomorrow|before|too|as well)\b"
)
CODE_QUESTION: Final = re.compile(
    r"\b(?:whats|what is|what was|tell me|give me|get|send|find|need|lost|forgot|forgotten|forget"
    r"|dont have|dont know"
    r"|cant find|misplaced|remind me of|read me"
    # "can u drop me the code", "ping me the confirmation code", "I wish to request the
    # confirmation reference", "I've mislaid that little reference number", "kindly repeat the
    # aforementioned reference"
    r"|drop|ping|text|email|request|requesting|mislaid|mislay|repeat|resend"
    # "the form on your website wants my booking number", "the transport people are asking
    # for the reference": someone else wants it, so the caller asks for it
    r"|wants|asks for|asking for|asked for|needs|needed)\b.{0,30}"
    r"\b(?:codes?|confirmation numbers?"
    r"|reference number|booking number|reference)\b"
    # "I wanted my confirmation number for Monday", "I'd like the codes for both"
    r"|\b(?:want|wanted|like)\s+(?:my|the|our|both)\s+(?:confirmation\s+|booking\s+)?"
    r"(?:codes?|confirmation numbers?|reference numbers?)\b"
    r"|\bcode (?:again|please)\b|\bwhat (?:was|is) (?:the|my) (?:code|confirmation)\b"
    # "if it is, can I have the confirmation code?", "could we have the reference for it"
    r"|\b(?:can|could|may) (?:i|we) (?:please )?(?:have|grab)\b.{0,30}\b(?:codes?|confirmation"
    r" numbers?|reference number|booking number|reference)\b"
    # "do you have my booking reference for next Friday?", "have you got the code for it?"
    r"|\b(?:do|would|have|could) you (?:still )?(?:have|got|have got)(?: got)? (?:my|our|the)\s+"
    r"(?:confirmation |booking )?(?:codes?|confirmation numbers?|reference(?: numbers?)?)\b"
    # "code for my appointment", "the confirmation number for Tuesday's"
    r"|^(?:(?:um|uh|so|and|hi|hello|yeah|ok|okay|the|my)\s+)*(?:confirmation |booking )?"
    r"(?:code|confirmation number|reference)\b(?! is\b)"
    # "where it says 'Confirmation number:' it's just blank. Can you give it to me?"
    r"|\b(?:code|confirmation number|reference|booking number)\b.{0,60}"
    r"\b(?:blank|missing|empty|not there|cut off|give it|tell me it|read it|send it"
    # "a text with a wee code, but I deleted it - could you give us it again?"
    r"|deleted (?:it|that|the text)|lost (?:it|that)|give (?:us|me) it)\b"
    r"|\b(?:cut off|missing|left off|lost)\b.{0,20}\b(?:code|confirmation number|reference"
    r"|booking number)\b"
    # "the young lady gave me a reference number and I wrote it on an envelope, and the
    # envelope's gone out with the recycling": given it, lost it since
    r"|\b(?:gave|given|told|sent|texted) (?:me|us) (?:a|the|my|our|this)"
    r" (?:confirmation |booking )?(?:codes?|reference(?: numbers?)?|confirmation numbers?"
    r"|booking numbers?)\b.{0,120}"
    r"\b(?:gone|lost|threw|thrown|binned|recycling|rubbish|cant find|cannot find|missing"
    r"|mislaid|washed)\b"
    # "when is my next one, and the confirmation code for it as well?": asked beside the day
    r"|\band (?:the|my|its|their) (?:confirmation |booking )?(?:codes?|confirmation numbers?"
    r"|reference(?: numbers?)?)(?= (?:for (?:it|that|them|both|this|those)|as well|too|please)\b"
    r"|$)"
    # "I deleted the email with my booking reference": the code, lost
    r"|\b(?:deleted|erased|threw away|thrown away|lost"
    # "I booked for Tuesday and never wrote down the code - could I get it?"
    r"|(?:never|didnt|did not|forgot to) (?:wrote|write|writ|jot|jotted|note|noted|took|take|save"
    r"|saved|keep|kept)(?: it| that)?(?: down)?)\b.{0,45}\b(?:code|confirmation|reference)\b"
    # "I need the number for my appointment", "what's the number of my booking?": its code
    r"|(?<!phone )(?<!telephone )(?<!contact )(?<!mobile )(?<!cell )(?<!home )\bthe number"
    r" (?:for|of|on) (?:my|our|the) (?:\w+ )?(?:appointment|appt|booking|visit)\b"
)
MY_APPOINTMENT: Final = re.compile(
    r"\bmy appointment\b|\babout my\b|\bthe appointment i have\b"
    r"|\b(?:i|ive|weve|we) (?:have|got|ve got|had|booked|made)? ?(?:an |the |my )?appointment\b"
    r"|\bim booked\b"
    r"|\bthe one (?:i|ive|i ve) (?:have|got|ve got|booked|already have)\b"
    r"|\bmy (?:current|existing) (?:one|appointment|booking)\b|\bmy appointments (?:on|at|is)\b"
    # "my appointment's Friday", "my appointment's tomorrow at 11" (written "appointments")
    r"|\bmy (?:appointment|appt|booking)(?: s|s) (?=(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|today|tomorrow|next|this)"
)
CANT_MAKE: Final = re.compile(
    r"\bcant (?:make|come|do|attend)\b|\bwont be able to (?:make|come)\b"
    r"|\bunable to (?:make|come)\b"
    r"|\bsomething came up\b|\bcan not make\b|\bnot able to make\b"
    # "I won't be coming on Monday" (not "won't be coming back to ...")
    r"|\b(?:wont|will not|shant) be coming\b(?! back\b)"
    # "I cannot come on Tuesday", "I won't make it", "I will not be able to attend"
    r"|\b(?:cannot|can not|will not|wont) (?:make it|come|attend|be there)\b"
    # "I've an appointment on the 12th that I won't be here for", "I'm not going to be around
    # for it": away when it falls
    r"|\b(?:wont|will not|shant|not going to|not gonna) be (?:here|around|in town|home|back)"
    r" (?:for|in time for) (?:it|that|this|them|that one|either|any|my|the)\b"
    r"|\b(?:that|which) (?:i|we) (?:wont|will not|shant) be (?:here|around|in town|home|back)"
    r" (?:for|in time for)\b"
    r"|\b(?:not|wont be|will not be) able to (?:come|attend|be there)\b"
    # "I'm not going to make it in tomorrow", "not gonna make it"
    r"|\bnot (?:going to|gonna) (?:make it|make my|be able to|come in|be there)\b"
    # "I'm not going to make 9 o'clock", "not gonna make the ten"
    r"|\bnot (?:going to|gonna) make (?=(?:the )?(?:\d{1,2}|nine|ten|eleven|twelve|noon)\b)"
    # "there's no way I can make tomorrow", "no chance I'll make it Friday"
    r"|\bno (?:way|chance) (?:i|we) (?:can|could|will|ll|am going to|m going to|re going to)"
    r" (?:make|come|do|get there|be there)\b"
    # "there's no way I'm making it", "no chance we're getting there by ten", "no way I'll
    # make it"
    r"|\bno (?:way|chance) (?:im|i m|i am|were|we re|we are) (?:making|getting there"
    r"|getting in|going to make|gonna make)\b"
    r"|\bno (?:way|chance) (?:ill|i ll|well|we ll) (?:make|get there|be there)\b"
    # "I'm supposed to be coming in Monday at nine and I can't, so sorry": the visit held, left
    # unsaid after the can't
    r"|\b(?:supposed|meant|due|booked|down) (?:to|for|in)\b.{0,60}\b(?:and|but) (?:now )?(?:i|we)"
    r" (?:cant|cannot|can not|wont be able to|wont|will not)(?: now| anymore| any more)?"
    r"(?= (?:im|i am|sorry|so|unfortunately|afraid|after all|its|it is)\b|$)"
)
CANT_MAKE_IT: Final = re.compile(
    r"\b(?:cant|can not|cannot|wont|couldnt|could not|not (?:going to|gonna|able to)) make it\b"
)
"""A reason for a cancel ("I can't make it"), not the "make it Friday" of a correction."""
_ORDINAL_WORD: Final = "|".join(sorted(ORDINALS, key=len, reverse=True))
_HELD_SAID: Final = (
    r"(?:(?:mon|tues|wednes|thurs|fri)days?|today|tomorrow"
    rf"|the (?:\d{{1,2}}(?:st|nd|rd|th)?|{_ORDINAL_WORD})(?! ones?\b)"
    # ("the first one's too early for me" names a slot of the day, not one held)
    r"|my (?:[a-z0-9]+ ){0,2}?(?:appointment|appt|one|booking|visit|slot)"
    r"|(?:the|that|this) (?:[a-z0-9]+ ){0,2}?(?:appointment|appt|booking|visit)"
    rf"|(?:\d{{1,2}}|{hour_words('noon')})(?: oclock| am| pm)? (?:on|this|next) (?:mon|tues|wednes"
    rf"|thurs|fri)day(?: the (?:\d{{1,2}}(?:st|nd|rd|th)?|{_ORDINAL_WORD}))?"
    # "I've got three o'clock today", "I'm in at 10 am tomorrow": the hour first, said as one
    rf"|(?:\d{{1,2}}|{hour_words('noon')})(?: oclock| am| pm) (?:today|tomorrow|(?:mon|tues"
    r"|wednes|thurs|fri)day))"
    r"(?: one| appointment| appt| booking)?"
)
"""An appointment held as a caller names it in a hint: a day, a date, "my appointment", "nine
on Monday"."""
NOT_SUITED: Final = re.compile(
    # "Tuesday's looking a bit tricky now", "the 9th is getting awkward", "Friday's out"
    rf"\b{_HELD_SAID}(?: is| isnt| is not)?(?: now| already| suddenly| actually)?"
    r"(?: (?:looking|looks|getting|seems|going to be|might be|could be|turning out))?"
    r"(?: (?:a bit|a little|a tad|rather|quite|pretty|really|somewhat|a touch))?"
    r" (?:tricky|difficult|awkward|problematic|complicated|a problem|a struggle|a squeeze"
    r"|(?:a bit |a little )?of a (?:problem|struggle|squeeze|pain)"
    r"|inconvenient|cooked|no good|a no go|out)\b(?! of (?:town|the office|hours)\b)"
    # "nine on Monday's a little early for me, as it turns out"
    rf"|\b{_HELD_SAID}(?: is)? (?:a bit|a little|a tad|rather|too|quite|slightly) (?:early|late)"
    r" for (?:me|us)\b"
    # "the eleventh isn't looking great for me anymore", "Friday's not going to work"
    rf"|\b{_HELD_SAID}(?: is)? (?:isnt|is not|not) (?:looking )?(?:so |too |that |very )?"
    r"(?:great|good|ideal|possible|convenient)\b"
    rf"|\b{_HELD_SAID}(?: is)? (?:not|isnt|is not) (?:going to|gonna) (?:work|happen|be possible)\b"
    rf"|\b{_HELD_SAID} (?:doesnt|does not|wont|will not|no longer) (?:really )?(?:work|suit)s?\b"
    # "I'm not sure the 9th still works for me"
    rf"|\bnot (?:sure|certain|convinced) (?:that |if |whether )?{_HELD_SAID}(?: is)?"
    r" (?:still )?(?:works|suits|is going to work|will work|is going to suit|is ok|is okay)\b"
    # "I have the nine o'clock on Monday and it's too early for me", "I've got Friday at 3 but
    # that's a bit late now": what is held said first, then what is wrong with it
    r"|\b(?:i have|ive got|ive|i got|we have|weve got|weve|im booked|were booked|i booked)"
    rf" (?:[a-z0-9]+ ){{0,3}}?{_HELD_SAID} (?:[a-z0-9]+ ){{0,3}}?(?:and|but)"
    r" (?:its|it is|thats|that is|that one is|that ones)(?: now| actually| really)?"
    r"(?: (?:(?:a bit|a little|a tad|rather|way|far|much|just) )?too (?:early|late)\b"
    r"| (?:(?:a bit|a little|a tad|rather|quite) )?(?:early|late) for (?:me|us)\b"
    r"| (?:a bit |a little )?(?:tricky|awkward|inconvenient|no good|a problem)\b)"
)
"""A held appointment hinted to be a problem rather than said to be missed ("Tuesday's looking
a bit tricky now", "I'm not sure the 9th still works for me", "nine on Monday's a little early
for me"): like "I can't make it", the caller is asked whether to move or cancel it."""
_HELD_ONE: Final = (
    r"(?:\bmy (?:\w+ )?(?:appointment|appt|booking)\b"
    r"|\b(?:i have|ive got|i ve got|i got|i had|ive|weve got|we have) (?:an?|my|the) (?:\w+ )?"
    r"(?:appointment|appt|booking)\b"
    r"|\b(?:appointment|appt|booking) (?:i|we) (?:have|ve got|booked|made)\b"
    r"|\b(?:today|tomorrow|monday|tuesday|wednesday|thursday|friday|\d{1,2}(?:st|nd|rd|th))"
    r"(?: morning| afternoon)?(?: is| s)? (?:appointment|appt|booking)\b)"
)
_TAKEN_ILL: Final = (
    r"(?:\b(?:come|coming|came) down with\b"
    r"|\b(?:im|i am|i m|ive been|i ve been|been|feeling|i feel|i felt|hes|shes|he is|she is)"
    r" (?:really |so |quite |a bit |very |pretty |too )?(?:sick|ill|unwell|poorly|rough"
    r"|under the weather)\b"
    r"|\b(?:ive|i ve|i have|ive got|i ve got|i got|weve got) (?:got )?(?:the flu|flu|a cold|covid"
    r"|a bug|a fever|a temperature|a stomach bug|the bug|a virus|a sickness bug"
    r"|a chest infection)\b"
    r"|\bdont want to (?:bring it in|spread it|pass it on|give it to)\b|\bcontagious\b"
    r"|\btested positive\b)"
)
TAKEN_ILL: Final = re.compile(_TAKEN_ILL)
TAKEN_ILL_WITH_ONE_HELD: Final = re.compile(
    rf"{_HELD_ONE}.{{0,100}}{_TAKEN_ILL}|{_TAKEN_ILL}.{{0,100}}{_HELD_ONE}"
)
"""An appointment held and the caller taken ill ("tomorrow morning's appointment - I've come
down with something", "I've got an appointment Friday but I'm really unwell"): like "I can't
make it", the caller is asked whether to move or cancel it (not "I'm poorly, can I be seen
today?": no appointment held)."""
_NO_WAY_THERE: Final = (
    r"(?:\b(?:ive|i ve|i have|weve|we have|shes|hes) (?:just )?lost (?:my|our|her|his) (?:lift|ride"
    r"|transport)\b"
    r"|\b(?:my|our|her|his) (?:lift|ride|transport)(?: has| s| is|s)?"
    r" (?:fallen|fell|gone) through\b"
    r"|\b(?:my|our|her|his) (?:lift|ride|driver) (?:cant|can not|cannot|wont|isnt|is not)"
    r" (?:take|bring|drive|do it|come|make it|able)\b"
    r"|\b(?:ive|i ve|i have|weve|we have) (?:got )?no (?:lift|ride|transport|way of getting"
    r" (?:there|in|to you))\b"
    r"|\b(?:my|our|the) car(?: has| s|s)? (?:broken down|broke down|packed in|packed up)\b)"
)
_BOOKED_FOR: Final = r"(?:\b(?:im|i m|i am|were|we are|shes|hes) (?:down|booked(?: in)?) for\b)"
NO_WAY_THERE_WITH_ONE_HELD: Final = re.compile(
    rf"(?:{_HELD_ONE}|{_BOOKED_FOR}).{{0,100}}{_NO_WAY_THERE}"
    rf"|{_NO_WAY_THERE}.{{0,100}}(?:{_HELD_ONE}|{_BOOKED_FOR})"
)
"""An appointment held and no way to get to it ("I'm down for the 14th at nine but I've lost my
lift", "my lift's fallen through for my Thursday appointment"): like "I can't make it", the
caller is asked whether to move or cancel it (not "I've no lift, is there parking?" with none
held)."""
TRY_LATER: Final = (
    r"\b(?:ill|i will) (?:have to |just )?try (?:again )?(?:another|some other|a different)"
    r" (?:time|day)\b"
)
"""A closing that puts the visit off ("sorry, I'll try another time"): no other time asked
for now (not "could I try another time?", a request for one)."""
_TA_BYE: Final = (
    r"^(?:(?:ok|okay|right|lovely|great|brilliant|alright|oh|aw|ah|perfect|grand)\s+)*"
    r"(?:ta|cheers|ta ra|tara)(?: very much| muchly| then| mate| love| now| bye)?$"
)
"""A closing said in a word or two the British way ("Ta.", "cheers then", "ta very much")."""
END: Final = re.compile(
    r"\bgood ?bye\b|\bbye\b|\bthats all\b|\bthat is all\b|\bthatll be all\b"
    # (not "and nothing else that week?": a question about their appointments)
    r"|\bnothing else\b(?! (?:that|this|on|in|next|booked|for|after|before|then)\b)"
    r"|\bhang up\b|\bim done\b|\bwere done\b|\ball done\b|\bhave a (?:good|nice|great|lovely) "
    r"(?:day|one|evening|afternoon|weekend)\b|\bthats everything\b|\bend (?:the )?call\b"
    r"|\bthats it for (?:now|today)\b|\bthats all i need(?:ed)?\b|\bthats it thanks?\b"
    r"|\bthats it thank you\b|\bno thats it\b|\bnothing more\b|\bim all set\b|\bi m all set\b"
    r"|\bthats all for (?:now|today)\b|\bnever mind(?: then)? (?:bye|thanks)\b|\btake care\b"
    r"|\bsee you\b|\bcheers\b$"
    # "much obliged, cheerio", "toodle-oo", "cheerio then": an old-fashioned goodbye
    # (not "so, long story, ...")
    r"|\bcheerio\b|\btoodle (?:oo|pip)\b|\btoodles\b|\bso long(?: then| now)?\W*$"
    # the world's goodbyes said last: "ta love, ta-ra", "cheers, hooroo", "ka kite", "laters"
    r"|\b(?:ta ?ra|ta ta|hooroo|ooroo|ka kite(?: ano)?|laters|catch you later)"
    r"(?: now| then| love| pet| hen| mate| bye)?\W*$"
    # "Ta.", "cheers then", "lovely, ta very much": a British thanks that closes the line
    rf"|{_TA_BYE}"
    # a goodbye, or a thanks that closes the line, in the caller's own language
    rf"|\b(?:{_FOREIGN_BYE})\b|^(?:{_FOREIGN_NO}\s+)?(?:{FOREIGN_THANKS})(?:\s+(?:{FOREIGN_THANKS}))*\W*$"
    rf"|^{_FOREIGN_NO}\s+(?:thats|that is) (?:it|all)\b"
    # a recogniser's "bye" heard as "by" after the thanks: "got it thank you by"
    r"|\bthank(?:s| you) by\W*$"
    r"|\b(?:ill|i will|let me) (?:call|ring|phone) (?:you )?back\b|\btry again later\b"
    rf"|{TRY_LATER}"
    r"|\bcall back (?:later|another time|tomorrow)\b|\b(?:and|then|ill) call you back\b"
    # "sorry, I'll have to call you back"
    r"|\b(?:have|need) to (?:call|ring|phone) (?:you )?back\b"
    # "okay thank you, I'll think about it and call back"
    r"|\b(?:ill|i will|let me) think about it\b(?: and (?:call|ring|get) back)?"
    r"|\band (?:call|ring|phone|get) (?:you )?back(?:,? (?:thanks|thank you))?\W*$"
    # "sorry, got to go", "I have to run", "talk later", "I will call again"
    # (not "I have to go to work on Friday", "I need to go early")
    # (nor "the Tuesday appointment will have to go", "that one's got to go": it is cancelled)
    r"|(?<!\bwill )(?<!\bll )(?<!\bwould )(?<!\bd )(?<!\bs )(?<!\bhas )(?<!\bwill just )"
    r"\b(?:(?:got|have|need) to|gotta|must) (?:go|run|dash)\b(?! (?:to|into|in|out|at|on|for|early"
    r"|late|home|back|over|and|see|get|pick|through|with|somewhere|there))"
    r"|\b(?:talk|speak) (?:to you )?later\b"
    r"|\b(?:ill|i will|let me) (?:call|ring|phone) (?:you )?(?:later|again)\b"
    r"|^(?:no )?nothing(?: else| more)?(?: (?:thanks|thank you|for now))*$"
    # "okay, I'll escalate it then, thanks", "I'll sort it out myself then, thank you"
    r"|\b(?:ill|i will|well|we will) [a-z]+(?: [a-z]+){0,4} then (?:thanks|thank you)\W*$"
)
YES: Final = re.compile(
    rf"^{_F}(?:yes|yeah|yea|yep|yup|ya|yah|sure|ok|okay|k|correct(?! me\b)|right|absolutely"
    r"|definitely|certainly|please|perfect|great|sounds (?:good|great|fine|perfect)|that works"
    r"|works for me"
    r"|go ahead|do it|thats right|thats correct|please do|of course|affirmative|alright|all right"
    r"|fine|confirm|book it|thats fine"
    r"|(?:that would|thatd|that d|it would|itd|thatll|that ll|that will) be (?:great|perfect"
    r"|fine|good|lovely|wonderful"
    r"|marvellous|marvelous|brilliant|ideal|grand|super|fab|fabulous|smashing|excellent)"
    r"|exactly|yes please|lovely|brilliant|excellent|cool|mhm+|mm+ hm+|uh huh|indeed|go for it"
    # everyday and grudging yeses: "go on then", "I suppose so", "I guess that's fine"
    r"|go on(?: then)?(?=\W*$|\W+(?:then|please|book|do it|yes|yeah|thanks|ta)\b)"
    r"|i (?:suppose|guess)(?: so| that ?s (?:fine|ok|okay|alright))?(?=\W*$|\W+(?:yes|yeah|then"
    r"|fine|ok|okay|thats fine|go on|book it)\b)"
    r"|lets do it"
    r"|lets do that|that ll do|thatll do|it is|it does|that is|i do|i would|id like that|sure thing"
    r"|you got it|you bet|good(?! (?:morning|afternoon|evening|day))|fantastic|wonderful"
    r"|yes it is|spot on|bang on|aye|by all means|righto|right o|roger(?: that)?|too easy"
    r"|sweet as|sounds like a plan)\b"
    # a recogniser's "yeah" heard as "yet", said alone ("yet", "uh yet thats right")
    rf"|^{_F}yet(?:\W*$|\s+(?:thats|that is|please|correct|right|go ahead)\b)"
    # a yes after an apology for a slow answer: "oh, sorry, yeah, cancel it", "sorry - yes"
    rf"|^{_F}sorry\s+{_F}(?:yes|yeah|yep|yup|sure|go ahead|please do)\b"
    r"|\byes\b|\bgo ahead\b|\bsounds (?:good|great|perfect)\b|\bthat works\b|\bworks for me\b"
    r"|\bthats (?:fine|perfect|great|good|right|correct|grand|lovely|brilliant|ideal)\b"
    r"|\bplease do\b|\bgo for it\b"
    r"|\bthat (?:one )?(?:works|suits me|is fine|is perfect|would work|will work)\b"
    # (not a "do that" still to come: "before you do that, will I ...", "when you do that")
    r"|\bbook it\b|(?<!\bbefore you )(?<!\bbefore we )(?<!\bwhen you )(?<!\buntil you )"
    r"(?<!\btill you )\bdo that\b|\bperfect\b|\bfine by me\b|\bcorrect\b(?! me\b)"
    r"|\bthats the one\b|\bthat is the one\b|\bsounds like a plan\b|\bby all means\b"
    # "thats it just that one" to "shall I cancel Monday's?" (not a bare "that's it")
    rf"|^{_F}(?:(?:thats|that is) (?:it|right)\W+)?(?:just|only) (?:that|this|the) one"
    r"(?: please| thanks| thank you)?\W*$"
    # a yes said last, after the detail it agrees to: "the tuesday one yeah", "ten, yes"
    r"|\b(?:yes|yeah|yep|yup|yea)(?: please| thanks| thank you)?\W*$"
    # "nothing earlier? ugh, fine, I'll take it", "that sounds fine", "book me in"
    r"|\bsounds (?:fine|lovely|grand|ok|okay|alright)\b|\b(?:ill|i ll|i will) take (?:it|that)\b"
    r"|\bbook me in\b|\bput me down for (?:it|that)\b|\bthat ?ll do\b|\bthat will do\b"
    # "that'll work just fine", "yeah that'll work for me" (not "that'll work for Tuesday?")
    r"|^(?:(?:yes|yeah|ok|okay|oh|well)\s+)*(?:thatll|that ll|that will|itll|it will) work\b"
    r"(?! for (?!me\b|us\b))"
    # "go on and put me down", "go ahead and book me in", "put me down then"
    r"|\bput me (?:down|in)(?: then| please| for (?:it|that|then))?\W*$"
    r"|\bgo (?:on|ahead) and (?:put me (?:down|in)|book (?:it|me(?: in)?)|do (?:it|that))\b"
    # impatient or regional: "just book the thing", "whatever, fine", "haan, okay"
    r"|\bbook (?:the|that) (?:\w+ )?(?:thing|one|slot|time|appointment)\b"
    r"|^whatever\W*(?:fine|ok|okay|sure|yes|yeah)\b|^(?:haan|ji haan)\b"
    rf"|^{_F}{_FOREIGN_YES}{_FOREIGN_AFTER_YES}"
    # the time itself said to be fine: "9 is fine", "nine's good", "ten thirty works",
    # "monday at 9 would be great" (whether it is the time proposed is the tracker's question)
    rf"|(?<!is )(?<!would )\b{_CLOCK}s? (?:(?:is|would be|will be|d be|should be) )?"
    r"(?:fine|good|great|ok|okay|perfect|lovely|grand|ideal|alright|all right|brilliant"
    r"|excellent)\b"
    rf"|(?<!is )(?<!would )\b{_CLOCK} (?:works|would work|will work|will do|would do|suits)\b"
)
_HOUR_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|\d{1,2})"
_ECHOED = (
    rf"(?:(?:at\s+)?{_HOUR_WORD}(?:\s+(?:am|pm|oclock|o clock|thirty))?|today|tomorrow"
    r"|monday|tuesday|wednesday|thursday|friday)"
)
LEFT_AS_IS: Final = (
    r"\bleave (?:that|this)(?: one)?\b(?! (?:with|for|to|message)\b)"
    r"|\bleave (?:it|that|them) (?:be|alone)\b"
)
"""The one proposed left as it is: "leave that one, that's fine", "leave it be", "leave that
alone" (not "leave that with me", "leave a message") - a no, and a no that outweighs a yes
said before it."""


PUT_OFF: Final = (
    r"\b(?:(?:i|we) (?:wont|will not|shant|am not going to|are not going to|not gonna)"
    r"|(?:im|were) not (?:going to|gonna)) book\b"
    # (not "I won't book another just yet": a further booking, not this one)
    r"(?! (?:another|a new|again|anything else|one for|a second)\b)"
    r"|\b(?:ill|i will|well|we will) (?:ring|call|phone) (?:you )?back"
    r" (?:when|once|later|tomorrow|after|next|another|if i decide)\b"
)
"""The booking put off: "I won't book just now", "I'll ring back when I know" - to an offer,
a no, and a no that outweighs an "okay" said before it."""


NO: Final = re.compile(
    # (not the "oh no, really?" of surprise: "oh no really then can you book me tomorrow")
    rf"^{_F}(?:no(?! really\b| seriously\b)|nope|nah|naw|not really(?! sure\b)|negative|dont|do not"
    r"|never mind|nevermind|not now"
    # (not a pause for a question before the answer: "wait, before you do that, will I ...")
    r"|not today|neither|(?:wait|hold on|hang on)(?!\W+(?:a (?:sec|second|minute|moment)\W+)?"
    r"before (?:you|i|we)\b)|actually no|no no|not quite(?! sure\b)|wrong"
    r"|incorrect"
    r"|thats wrong|thats not right|thats not it|not that one|not that|keep it|leave it"
    r"|(?:yeah|yea|yes|yep|yup) no(?! problem| worries| rush| hurry))\b"
    # the one proposed left as it is (not "the other one": another of theirs)
    rf"|{LEFT_AS_IS}"
    rf"|{PUT_OFF}"
    # after an apology, as a yes may be: "sorry, no", "sorry, yes... no, wait"
    rf"|^{_F}sorry\s+{_F}(?:(?:yes|yeah|yep)\s+)?(?:no|nope|nah|wait|hold on|hang on)\b"
    # a plea not to: "please don't, I need it", "oh please do not cancel it"
    rf"|^{_F}please\W+(?:dont|do not)\b"
    r"|\bno thanks?\b|\bno thank you\b|\bactually no\b|\bnot that one\b|\bkeep it\b|\bleave it\b"
    r"|\bthats wrong\b|\bthats not right\b|\bthats not (?:correct|it|my)\b|\bnot quite\b(?! sure\b)"
    r"|\bi dont think so\b|\bdoesnt work\b|\bwont work\b|\bdont want\b|\bnone of (?:those|them)\b"
    r"|\bcant do\b|\bno good\b|\bthat doesnt\b|\bforget it\b|\bdont do\b|\bdont cancel\b"
    r"|\bdo not (?:book|cancel|move|change|reschedule)\b"
    # "right, don't touch it, I'll live with it": the appointment left alone
    r"|\bdont (?:move|change|touch|reschedule|switch|shift)\b"
    r"|\bdont book\b|\brather not\b|\bnot for me\b|\bno way\b|\bnot at all\b|\bdont bother\b"
    r"|\bnever ?mind\b"
    # a yes the caller would not say: "I wouldn't say yes", "I can't say yes to that"
    r"|\b(?:wouldnt|would not|didnt|did not|dont|do not|cant|cannot|not|never) (?:say|said"
    r"|saying) (?:yes|yeah|ok|okay)\b"
    r"|\bdont\W*$"  # a "don't" said last: "sure, ignore that, don't"
    # a yes word denied: "absolutely not", "of course not", "I do not", "it is not ok"
    rf"|^{_F}(?:(?:yes|yeah|ok|okay|well|oh)\W+)?(?:absolutely|definitely|certainly|of course"
    r"|surely|sure|i do|i would|it is|that is|it does|that does|right|fine|good|great|perfect"
    r"|ok|okay|please|correct)\W+not\b(?! (?:a |an )?(?:problem|issue|bother|bad)\b)"
    r"|\b(?:no|nope|nah)\W*$"  # a no said last: "please, no", "good grief no"
    # "nope" and "nah" say nothing but no, wherever they fall ("hmm nope keep it as is", a
    # garbled "good nope please"); a bare "no" in the middle often waves a worry away
    r"|\b(?:nope|nah)\b"
    # a joke's "not" said last: "sure thing... not", "yes. NOT." (not "why not", "if not")
    r"|(?<!\bwhy )(?<!\bif )(?<!\bor )\bnot\W*$"
    r"|\b(?:as if|fat chance|not a chance|in your dreams|dream on)\b"  # sarcasm
    rf"|^{_F}{_FOREIGN_NO}\b"
    # the hour or day offered said back, then a no: "nine? no, I can't get there by nine",
    # "Thursday - no, sorry, that's no good" (not "ten no eleven": a slip put right)
    rf"|^{_F}{_ECHOED}\s+(?:no|nope|nah)\b(?!\s+(?:problem|worries|rush|hurry|bother|wait|hang|hold|actually|make"
    rf"|scratch|{_HOUR_WORD})\b)"
)
YES_BY_NEGATION: Final = re.compile(
    r"\bno objections?(?: at all| whatsoever)?\b|\bno reason not to\b"
    r"|\b(?:i )?(?:dont|do not|cant|cannot|can not) see why not\b"
    r"|\b(?:i )?(?:wouldnt|would not) say no(?: to that)?\b|\b(?:i )?(?:cant|cannot) complain\b"
    # "no problem, go ahead", "not a problem - book it": the go-ahead after it says what it is
    r"|\b(?:no|not a) problem(?: at all)?(?=\W+(?:go ahead|go on|book|do it|do that|yes|yeah|yep"
    r"|please|thats fine)\b)"
    # "no that's fine, yeah, go on": a "no" that only waves a worry away before the yes
    r"|^(?:no|nah|nope) (?:thats|that is|its|it is) (?:fine|ok|okay|alright|grand)"
    r"(?=\W+(?:yes|yeah|yep|go on|go ahead|book it|do it)\b)"
)
"""A yes said through a negation, to a question that asks for one: "no objection at all - go
ahead", "no reason not to", "I don't see why not", "I wouldn't say no", "no problem, go ahead",
"no that's fine yeah go on". Read as a plain "yes" where the yes and no of a line are weighed."""
REGISTER_YES: Final = re.compile(
    # slang: "say less, book it", "bet, that works", "ok bet", "that's a vibe", "lock it in"
    r"\bsay less\b|^(?:(?:ok|okay|yeah|aight|ight|oh) )*bet\b(?! (?:you|your|its|it is|on)\b)"
    r"|\bthats (?:a vibe|valid)\b|\block (?:it|that|this) in\b|\baction (?:it|that|this)\b"
    # formal: "that is entirely satisfactory", "please proceed", "I hereby confirm", "kindly do
    # the needful"
    r"|\b(?:that is|thats|that would be|thatd be|that will be|it is|its|sounds) (?:quite |entirely "
    r"|perfectly |most |wholly |very )?(?:satisfactory|acceptable|agreeable|in order)\b"
    r"|^(?:(?:yes|very well|very good|certainly) )*(?:please |you may |kindly |do )?proceed\b"
    r"|\bi (?:hereby |do )?confirm\b(?! (?:my|the|that|what|when|if|whether)\b)"
    r"|\bdo the needful\b"
    # British: "Today? Blimey. Go on then, I'll be there."
    r"|\bgo on then\b(?! (?:what|when|which|how|tell)\b)"
)
"""A yes in a register the plain yes words miss: slang ("say less", "bet", "lock it in",
"action that"), formal ("that is entirely satisfactory", "please proceed", "I hereby confirm",
"kindly do the needful") and British ("go on then, I'll be there"). Read as a plain "yes" where
the yes and no of a line are weighed."""
CORRECTION: Final = re.compile(
    r"\bno sorry\b|\bsorry i mean\b|\bi mean\b|\bi meant\b|\bactually\b|\bwait\b|\bmake that\b"
    r"|\bmake it\b|\binstead\b|\brather\b|\bscratch that\b|\bno no\b|\bcorrection\b|\bor rather\b"
    r"|\bhold on\b|\bsorry\b"
)
GREETING: Final = re.compile(
    rf"^{_F}(?:hi|hello|hey|hiya|heya|good (?:morning|afternoon|evening)|howdy|greetings|yo)\b"
)
THANKS: Final = re.compile(
    rf"\bthanks?\b|\bthank you\b|\bcheers\b|\bappreciate it\b|{_TA_BYE}"
    r"|\bmuch obliged\b|\bmuch appreciated\b"
    r"|\b(?:thx|thnx|thanx|tx|ty|tysm|thank u|thankyou)\b"  # typed like a text
    rf"|\b(?:{FOREIGN_THANKS})\b"
)
HUMAN: Final = re.compile(
    r"\b(?:speak|talk|speaking|talking) (?:to|with) (?:dr|doctor|nurse) [a-z]+\b"
    r"|\b(?:speak|talk|speaking|talking) (?:to|with) (?:a|an|the|some|real|actual)?\s?"
    r"(?:real |actual |live )?(?:person|human|someone|somebody|receptionist|staff|operator|agent"
    r"|representative|doctor|manager|front desk|people)\b|\breal person\b|\bhuman being\b"
    r"|\boperator\b|\brepresentative\b|\btransfer me\b|\bput me through\b|\bconnect me\b"
    # "is there someone at the front desk I can speak to", "anybody there I could talk to"
    r"|\b(?:someone|somebody|anyone|anybody|a person|a human)\b[a-z ]{0,30}"
    r"\b(?:i|we) (?:can|could|might) (?:speak|talk)(?: (?:to|with)(?! you\b))?"
    r"(?: (?:about|regarding)\b|$)"
)
IDENTITY_Q: Final = re.compile(
    r"\bare you (?:a |an )?(?:real |actual )?(?:robot|machine|computer|bot|ai|recording"
    r"|automated|real|a real person|human)\b"
    r"|\bis (?:this|that|it) (?:a |an |just a )?(?:recording|robot|machine|computer|bot"
    r"|automated|real person|human|answering machine)\b"
    r"|\b(?:am i|are we) (?:talking|speaking) (?:to|with) (?:a |an )?(?:real |actual )?"
    r"(?:machine|robot|computer|bot|ai|recording)\b"
    r"|\bwho (?:am i|is this|are you|is speaking)\b|\bwhos (?:this|that|speaking)\b"
    r"|\bwhat are you\b|\byou sound like (?:a robot|a computer|a machine|one)\b"
)
"""Who or what the caller is talking to ("are you a robot?", "who am I speaking to?")."""
PLACE_Q: Final = re.compile(
    r"^(?:\W*(?:hi|hello|hey|yes|yeah|um|uh|oh|sorry|finally|good (?:morning|afternoon))\W+)*"
    r"(?:is this|is that|am i (?:through to|speaking to|talking to|calling)|have i (?:got|reached)"
    r"|did i (?:get|reach))\b"
    r"(?! (?:a |an |just a )?(?:recording|robot|machine|computer|bot|automated|real|human"
    r"|answering)\b)(?!.*\bwrong\b)"
    r"(?: (?:the|a|an|your))? (?:[a-z]+ ){0,3}(?:clinic|practice|surgery|medical (?:centre|center)"
    r"|health (?:centre|center)|doctors?(?: office)?|family (?:clinic|practice)|right number"
    r"|right place|appointments? (?:line|desk))\b"
)
"""Whether this is the place the caller meant to ring ("is this Harbor Family Clinic?", "have
I got the right number for the doctor's?"): said yes with the clinic's name."""
CALL_BACK_ASK: Final = re.compile(
    r"\b(?:can|could|would|will) (?:someone|somebody|you|one of you|the front desk|reception"
    r"|the office|a person|anyone|anybody) (?:please |just )?(?:call|ring|phone) me(?: back)?\b"
    r"|\b(?:please|can you|could you) (?:have|get) (?:someone|somebody) (?:to )?(?:call|ring)"
    r" me\b|\b(?:call|ring) me back (?:later|when|tomorrow|this)\b"
)
"""The caller asks to be rung back ("can someone call me back later to sort it?"): no call
back can be arranged here; the front desk's number is given."""
CALL_LENGTH_Q: Final = re.compile(
    r"\bhow long (?:is|will|would) (?:this|the call|all this)(?: (?:call|phone call))?"
    r" (?:going to |gonna )?(?:take|be|last)\b(?! (?:to|for) (?:get|book|see|be seen)\b)"
    r"|\b(?:will|is) (?:this|it) (?:take|going to take|gonna take) long\b"
    r"|\bhow long (?:have|do) i (?:got|have) to (?:stay|be) on (?:the )?(?:phone|line)\b"
)
"""How long the call itself will take ("how long is this going to take? I'm on my break"): a
minute or two (not how long an appointment lasts)."""
CALENDAR_Q: Final = re.compile(
    r"\bwhat(?:s| is) (?:the |todays )?date\b|\bwhat date (?:is|would|will|does)\b"
    r"|\bwhat day (?:of the week )?(?:is|does|would|will) (?:the|that|it|christmas|new)\b"
    r"|\bwhat day (?:even )?is (?:that|it)\b|\bwhat(?:s| is) today\b|\bwhat day is today\b"
    r"|\bis (?:the )?(?:[a-z]+(?:st|nd|rd|th)|first|second|third|\d+(?:st|nd|rd|th)?|tomorrow"
    rf"|christmas eve|christmas|it|that) (?:a|on a) (?:{WEEKDAY_WORD}|weekday)\b"
    r"|\b(?:today|tomorrow)(?:s| is) the [a-z0-9]+(?: [a-z0-9]+)? (?:isnt it|right|yeah|correct)\b"
    rf"|\bthis {WEEKDAY_WORD} or next\b"
    r"|\bhow far (?:off|away|ahead)\b|\bhow many (?:days|weeks) (?:away|off|from now|until|till)\b"
)
"""A calendar question ("what's the date on Thursday?", "what day is the 14th?", "wait, what's
today?", "is that this Thursday or next?", "how far off is that?"): the date is told."""
HORIZON_Q: Final = re.compile(
    r"\bhow (?:far|long) (?:ahead|in advance|out|forward)(?: (?:can|do|will|could|are|would)"
    r" (?:you|i|we|yall)(?: be able to)?)? (?:book|schedule|make|take|go|let)"
    r"|\bhow far (?:ahead|out|in advance) (?:do|does|can) (?:you|the clinic|your)"
    r"|\b(?:furthest|farthest|latest|last) (?:date|day) (?:you|i|we) (?:can|could)"
    r" (?:book|schedule)"
    r"|\b(?:can|could) (?:you|i) (?:book|schedule) (?:that|this|so) far (?:ahead|out|in advance)\b"
    r"|\bhow far (?:ahead|out|in advance) (?:is|are) (?:bookings?|appointments?)"
)
"""How far ahead the clinic books ("how far ahead can you book?", "how far out do you
schedule?", "can I book that far ahead?"): the limit is told."""
HOW_FAR: Final = re.compile(r"\bhow far\b|\bhow many (?:days|weeks)\b")
TODAY_Q: Final = re.compile(
    r"\bwhat(?:s| is) today\b|\btodays date\b|\bwhat day is (?:it|today)\b|\bis (?:it|today) "
    + WEEKDAY_WORD
    + r"\b|\bwhat(?:s| is) the date today\b"
)
HOURS_Q: Final = re.compile(
    r"\bare you (?:open|closed)\b|\byou (?:open|closed) (?:on|for|over|at)\b"
    r"|\b(?:your|opening|office|business|clinic) hours\b|\bwhen are you open\b|\bare you open\b"
    r"|\bwhat time do you (?:open|close)\b|\bwhat days (?:are you|do you(?! have))\b"
    r"|\bwhen do you (?:open|close)\b"
    r"|\bhours are\b|\bopen on (?:weekends?|saturdays?|sundays?)\b|\bhow late\b"
    r"|\bwhat are the hours\b"
    # "do you do Saturdays?", "do you have weekend appointments?", "any evenings?"
    r"|\bdo you (?:do|have|work|see (?:people|patients)(?: on)?|open(?: on)?) (?:any )?"
    r"(?:saturdays?|sundays?|weekends?|evenings?)\b"
    r"|\bclosed on\b|\bdo you close\b|\bwhat time (?:do|does) (?:the clinic|it) (?:open|close)\b"
    # "what time do you shut?", "when do you shut of an evening"
    r"|\b(?:what time|when) (?:do|does) (?:you|the clinic|it) shut\b"
)
_VISIT_KIND: Final = (
    r"(?:(?:normal|usual|typical|standard|regular|average|first|new patient|initial|ordinary"
    r"|first time|follow up) )?"
)
DURATION_Q: Final = re.compile(
    r"\bhow long (?:does|do|will|would|is|are|should) (?:an?|the|my|each|your|it|they|that)?"
    rf" ?{_VISIT_KIND}(?:appointments?|visits?|check ?ups?|consultations?|sessions?|it|they|that)?"
    r" ?(?:usually |normally |typically )?(?:take|takes|last|lasts|be|run)\b"
    r"|\bhow (?:long (?:are|is|s)|longs) (?:the |an? |your |my )?"
    rf"{_VISIT_KIND}(?:appointments?|visits?|sessions?|check ?ups?|consultations?)\b"
    # "how long will I be there, roughly?", "how long would we need to be in for?"
    r"|\bhow long (?:will|would|do|should) (?:i|we) (?:be|need to be|have to be|need to stay"
    r"|have to stay|be staying) (?:there|here|in|at the clinic|with you)\b"
    r"|\bhow much time (?:does|do|will|should) (?:an?|the|my|it)? ?(?:appointment|visit)?"
    r" ?(?:take|need)\b"
)
"""How long an appointment lasts."""
EMERGENCY: Final = re.compile(
    r"\bchest (?:pain|pains|is (?:tight|hurting))\b|\bpain in (?:my|his|her|their) chest\b"
    r"|\b(?:cant|can t|cannot|can not|struggling to|not able to|trouble|difficulty)"
    r" breath(?:e|ing)?\b"
    r"|\b(?:isnt|is not|not|stopped) breathing\b|\bhaving a (?:heart attack|stroke|seizure)\b"
    r"|\b(?:unconscious|unresponsive|wont wake up)\b"
    r"|\b(?:has|s|is|just|hes|shes) (?:collapsed|passed out|fainted)\b"
    r"|\bbleeding (?:badly|heavily|a lot|wont stop|that wont stop)\b|\boverdose[d]?\b"
    r"|\b(?:suicidal|kill (?:my|him|her)self|end my life)\b"
    r"|\b(?:its|it s|this is|its an|having an?) (?:an )?(?:medical )?emergency\b"
)
"""A medical emergency said by the caller: they are told to call 911, nothing is booked."""
OTHERS_INFO: Final = re.compile(
    r"\bpatients? (?:names|list|phone numbers|numbers|details|records|schedule)\b"
    r"|\b(?:all|every|other|the other) (?:the )?patients?\b"
    # (not "I'd like to get something on the books", "put me on the books": a booking asked for)
    r"|\b(?<!something )(?<!me )(?<!us )(?<!it )(?<!that )(?<!one )on the books\b"
    r"|\b(?:read|give|send|tell|list|output|provide|pull up|show)(?: me| out| back| us)*"
    r" (?:the )?(?:(?:today|tomorrow|[a-z]+day)(?:s| s| is)|full|whole|entire|days|day s"
    r"|clinics|clinic s) (?:(?:full|whole|appointment|patient) ){0,2}"
    r"(?:list|schedule|day sheet|bookings|roster)\b"
    r"|\b(?:read|give|send|tell|output|provide|pull up|show)(?: me| out| back| us)*"
    r" (?:the |all the |all )?(?:bookings|roster|day sheet|appointment list|patient list)\b"
    r"|\blast (?:few|two|three|four|five|ten|\d+) (?:bookings|appointments)\b"
    r"|\bwho (?:ive|i ve|i have|has|is|else is) (?:got |booked |coming )?(?:booked|coming in"
    r"|in today|this morning|today|at)\b|\bwhos (?:booked|coming in)\b"
    # who holds a slot: "who has the ten o'clock?", "who's got the nine thirty tomorrow",
    # "who took the 2 pm on Friday", "whose appointment is at ten"
    r"|\bwho(?:s| is| s)? (?:has|holds|took|got|has got|gets|getting|in|is in|having|taking)"
    r" (?:the |that |this )?(?:(?!(?:my|our|a|an|any|some) )[a-z0-9]+ ){0,2}"
    r"(?:oclock|o clock|am|pm|noon|slot|spot|appointment|booking|one|thirty|fifteen"
    rf"|\d+|(?:{hour_words()}))\b"
    r"|\bwhose (?:appointment|booking|slot|spot) is\b"
    # "cancel everyone's appointments", "every appointment in the database": the caller's own
    # one was offered for cancelling, and a yes to it cancelled it
    r"|\b(?:everyone|everybody|every one|every body|all the others|all the other people)"
    r" ?s (?:appointments|appts|bookings|details|numbers|phone numbers|records|info)\b"
    r"|\b(?:every|all|all the|all of the) (?:appointments?|appts|bookings?|records)"
    r" (?:in|on|from|across) (?:the |your )?(?:database|system|computer|records|calendar|diary"
    r"|schedule|books)\b"
)
"""A request for other patients' appointments or details ("read me today's list", "the last
three bookings", "all patient phone numbers", "who's booked at ten", "who has the ten o'clock?",
"cancel everyone's appointments"): nothing is told or changed."""
WALK_IN: Final = re.compile(
    r"\bwalk ?ins?\b|\bjust (?:come|turn|show|drop|pop) (?:in|up|by)\b(?! (?:at|on|for)\b)"
)
"""Whether the caller can come without an appointment ("can I just walk in today?")."""
NAMED_DOCTOR: Final = re.compile(
    r"\b(?:see|with) (?:dr|doctor) (?!about\b|for\b|today\b|tomorrow\b|on\b|at\b|as\b|soon\b"
    r"|again\b|please\b|and\b|or\b)[a-z]{3,}\b|\b(?:specific|particular|same) (?:doctor|dr)\b"
)
"""A particular doctor asked for ("I'd like to see Dr. Alvarez"): not something booked here."""
LONG_VISIT: Final = re.compile(
    r"\bdouble (?:appointment|slot|booking|one|session)\b|\blong(?:er)? appointment\b"
    r"|\bextra (?:long|time)\b|\b(?:two|2|three|3) hours? (?:long|back to back|appointment)\b"
)
"""A visit longer than one slot ("a double one, two hours back to back")."""
RECURRING: Final = re.compile(
    r"\bevery (?:monday|tuesday|wednesday|thursday|friday|week|other week|month|two weeks"
    r"|fortnight)\b(?! (?:i|we|he|she|they) (?:take|takes|have|has|go|goes|work|works|do|does"
    r"|visit|visits|pick|picks|drop|drops|collect|collects|look|looks|am|m|got|sit|sits)\b)"
    r"|\bweekly\b|\bmonthly\b|\beach (?:week|month)\b"
    r"|\brecurring\b|\bstanding (?:appointment|booking)\b|\bsame time each week\b"
)
"""A standing weekly slot ("every Tuesday at 10 for the next month"); not the caller's routine
("every Tuesday I take my mother to hospital", "every Friday she has her class")."""
ADDRESS_Q: Final = re.compile(
    r"\bwhere are you\b|\baddress\b|\bwhere (?:is|s) (?:the|your) (?:clinic|office|practice)\b"
    r"|\bwhere (?:is it |exactly )?(?:you|u)(?: guys| folks| all)? (?:are|re)\b"
    r"|\bwhere (?:you|u)re\b"
    r"|\bwhere to find you\b|\bhow (?:do i |would i |to )?(?:find|get to) you\b"
    r"|\bhow do i get there\b|\bdirections\b|\blocated\b|\blocation\b|\bwhereabouts\b"
)
PHONE_Q: Final = re.compile(
    r"\b(?:your|the clinics?|the office|the front desk|a) (?:phone )?number\b(?!.*\bmy\b)"
    r"|\bwhat number (?:can|do|should) i call\b|\bnumber to call\b"
)
PRACTICAL_Q: Final = re.compile(
    r"\b(?:can|do|will|would|should|is|does|could|are) (?:i|you|we|it|there|they)\b"
    r"(?: \w+){0,6}? (?:pay|paying|payment|cost|costs|price|fee|fees|charge|charged|cash"
    r"|credit card|debit card|copay|co pay|deposit)\b"
    # "so that's cancelled now and there's no fee?", "and no charge for cancelling, right?": a
    # fee asked about as a statement checked back
    r"|\b(?:there s|theres|there is|there ll be|therell be|and|so|but|with) no"
    r" (?:cancellation |cancelling |late |extra )?(?:fee|fees|charge|charges|penalty)\b"
    r"|\b(?:i|we) (?:won t|wont|will not) (?:get |be )?(?:charged|billed)\b"
    r"|\bhow much (?:is|does|will|would|do)\b|\bhow much (?:it )?(?:costs?|to pay)\b"
    r"|\b(?:what|which) (?:payment|cards?)\b.{0,20}\b(?:take|accept)\b"
    r"|\bhow early\b|(?<!cant )(?<!cannot )(?<!couldnt )(?<!wont )"
    r"\b(?:arrive|get there|be there|come in) (?:early|before|ahead)\b"
    r"|\bhow long (?:is|will be) the wait\b"
    # "will I still get the reminder text for the new one?", "do you send a text the day before"
    r"|\b(?:will|would|do|does|shall) (?:i|we|you)(?: still| also)? (?:get|receive|send)"
    r"(?: (?:me|us|a|an|the|another|new|any))*"
    r" (?:reminders?|texts?|text messages?|messages?|emails?|letters?|confirmations?)\b"
)
"""A practical question the clinic profile may not answer (paying, fees, how early to come):
answered honestly, the front desk named; not "I can't get there before 10" (a bound)."""
WHY_DETAILS: Final = re.compile(
    r"\bwhy (?:do|would|d|does) (?:you|it|the clinic) (?:need|want|ask for)\b"
    r"|\bwhat (?:do you need|do you want|is|s) (?:it|that|my (?:number|phone|name|phone number))"
    r" for\b|\bwhy (?:my|the) (?:number|phone|phone number|name)\b"
)
"""Why the agent asks for the number (or the name): "why do you need my phone number?"."""
LINE_TROUBLE: Final = re.compile(
    r"\b(?:you|it|the line|the phone|your voice|the signal)(?: just)? (?:cut|cuts|went|go|goes"
    r"|broke|break|breaks|dropped|drops) (?:out|up|quiet|silent|funny|off)\b"
    r"|\b(?:youre|you are|it is|its|the line is|the lines) (?:breaking|cutting) (?:up|out)\b"
    r"|\bi (?:just )?lost you\b"
    r"|\b(?:i )?missed (?:that|it|what you said|the (?:last|first) (?:bit|part)"
    r"|the (?:time|times|day|date|code)|all of that|the end)\b"
    # "sorry, the signal dropped - I didn't get any of that", "the line went, I heard none of it"
    r"|\bthe (?:signal|line|call|connection|reception) (?:just )?(?:dropped|went|died)\b"
    r"|\bi (?:didnt|did not) (?:catch|hear|get) (?:any|a word|one word) of"
    r" (?:that|it|what you said)\b"
    r"|\bi (?:heard|caught|got) (?:none|nothing) of (?:that|it|what you said)\b"
)
"""The caller did not hear what the agent said: a bad line, or a part of it missed ("you
broke up after Thursday", "I lost you", "I missed the time")."""
REPEAT: Final = re.compile(
    r"^(?:sorry|pardon|what|huh|excuse me)\W*$|\b(?:say|repeat) (?:that|it) again\b"
    r"|\bcan you repeat\b|\bcould you repeat\b|\bdidnt (?:catch|hear|get) (?:that|you)\b"
    r"|\bcome again\b|\bpardon\b"
    # "wait, what time was that?", "sorry, which day did you say?": what was just said, again
    r"|\b(?:what|which) (?:time|day|date|hour) (?:was|is) (?:that|it) again\b"
    r"|^\W*(?:(?:wait|sorry|hang on|hold on|um|uh|oh)\W+)*(?:what|which) (?:time|day|date)"
    r" (?:was that|did you say|was it)\W*$"
    r"|\b(?:what|which) (?:time|day|date) (?:was (?:that|it)|did you say)\W*$"
    r"|\bwhat did you (?:just )?say\b|\b(?:spell|read) (?:that|it) (?:out )?again\b"
    # "could you say that slower?", "say the time again?", "I didn't catch it"
    r"|\b(?:say|read|repeat|give me) (?:that|it|them|those|the (?:\w+ )?(?:time|times|day|date"
    r"|code|number|address|options?)) (?:again|slower|more slowly|slowly)\b"
    r"|\b(?:say|read|repeat) (?:that|it|them|those) (?:again )?(?:slower|slowly|more slowly"
    r"|louder)\b|\bdidnt (?:catch|hear|get) (?:it|the \w+|what you said|all of that)\b"
    r"|\b(?:speak|talk) (?:up|louder|slower|more slowly)\b|\b(?:youre|you are) breaking up\b"
    r"|\bwhat was that\b|\bi dont hear (?:so |very )?well\b|\bsay again\b"
    # "did you say the fifteenth or the fifth?": which of two was said, asked back
    r"|\bdid you (?:just )?say\b.{1,40}\bor\b"
    r"|^\W*(?:(?:sorry|wait|um|uh)\W+)*was (?:it|that)\b.{1,30}\bor\b"
    # "which was the first one you said?", "what's the new time again?", "read it all back"
    r"|\b(?:what|which)(?: \w+)? (?:was|were|is) (?:the |that )?(?:\w+ ){0,2}"
    r"(?:you (?:just )?said|did you (?:just )?say|you (?:just )?gave)\b"
    r"|\b(?:what|which) (?:\w+ )?did you (?:just )?say\b"
    r"|\bwhats the (?:new |first |last )?(?:time|day|date|code) again\b"
    r"|\b(?:read|say) (?:all )?(?:that|it|this) back\b"
    # a bad line: "you cut out there", "you broke up after Thursday", "I lost you for a
    # second", "say that one more time?", "what were those times?"
    rf"|{LINE_TROUBLE.pattern}"
    r"|\b(?:say|repeat|read) (?:that|it|them|those) (?:one more time|once more)\b"
    r"|\bwhat (?:were|are) (?:those|the|them) (?:times|days|dates|options)\b"
    r"|\bwhat (?:times|days|dates) (?:were|are) (?:those|they|them)\b"
    # a letter or digit of what was read out, asked back: "was that B as in boy or D as in
    # dog?", "F for Freddie or S for sugar?", "a zero or the letter O?", "a five or an S?"
    r"|\b[a-z] (?:as in|for) \w+\W+(?:or|and not)\W+(?:an? )?[a-z]\b"
    r"|\bas in \w+\W+or\W+(?:an? )?\w+ as in\b"
    r"|\bwas (?:it|that) (?:an? |the )?(?:number |digit |letter )?\w+ or (?:an? |the )?"
    r"(?:number |digit |letter )(?:\w+)\b"
    r"|\b(?:was|is) (?:it|that) (?:an? )?(?:zero|nought|oh|one|two|five|six|eight|nine|[a-z])"
    r" or (?:an? |the )?(?:letter )?[a-z]\b"
    # "could you spell it with words, like A for apple?", "the last bit again", "once more"
    r"|\bspell (?:it|that|them)(?: out)? (?:with|using|in) words\b"
    r"|\b(?:the )?(?:last|first|second|middle) (?:bit|part|one|half) (?:again|once more)\b"
    r"|\bonce more\W+slowly\b"
)
CHECKS_HEARD: Final = re.compile(
    r"\bdid you (?:just )?say\b.{1,40}\bor\b"
    r"|^\W*(?:(?:sorry|wait|um|uh)\W+)*was (?:it|that)\b.{1,30}\bor\b"
)
"""Which of two things was said, asked back: the details in it are the caller's doubt, not a
request ("sorry, did you say the thirteenth or the thirtieth?")."""
OWN_DIARY: Final = (
    r"\b(?:let me|lemme|i ?ll|i will|i need to|i have to|i must)"
    r" (?:just |quickly |quick |first )?(?:check|look at|look in|have a look at|have a look in"
    r"|grab|get|find|pull up) (?:my|the|our) (?:calendar|diary|schedule|planner|phone|rota"
    r"|shifts?)\b"
)
"""The caller looking at their own diary ("let me check my calendar", "let me just check my
diary", "I'll look at my planner"): nothing asked of the agent, a pause before the answer."""
YES_MENTIONED: Final = re.compile(
    r"\b(?:say|said|saying|says) (?:yes|yeah|ok|okay)\b|\bbefore (?:i|we) (?:say|agree|confirm)\b"
)
"""A yes talked about, not said ("before I say yes, do I need my card?")."""
WAIT: Final = re.compile(
    rf"^{_F}(?:hold on|hang on|bear with me|one (?:sec|second|moment|minute)"
    r"|just a (?:sec|second|moment|minute)|give me a (?:sec|second|moment|minute))\b"
    rf"|{OWN_DIARY}"
    # "oh wait, let me get a pen", "the baby's crying, one second", "can you hold a sec"
    r"|\blet me (?:grab|get|find) (?:a|my|the) (?:pen|pencil|paper|piece of paper|glasses)\b"
    r"|\b(?:hold on|hang on|one sec|one second|one moment|bear with me)\W*$"
    # "Wait.", "wait a sec", "wait wait": a wait and nothing else
    r"|^\W*(?:(?:oh|um+|uh+|er+|sorry)\W+)?wait(?:\W+wait)*(?:\W+(?:a|one) (?:sec|second|moment"
    r"|minute))?(?:\W+please)?\W*$"
    r"|\b(?:can|could) you hold(?: on)?(?: (?:one|a) (?:sec|second|moment|minute))?\b"
)
WRONG_NUMBER: Final = re.compile(
    r"\bwrong number\b|\bnot my number\b|\bthats not (?:my|the right) number\b|\bwrong phone\b"
    r"|\bgave you the wrong\b|\bmisread\b|\bnot me\b|\bwrong (?:person|account)\b"
    r"|\bthats not (?:me|my name|my account)\b"
    # "that's my sister, I gave you her number", "that's my husband's, sorry, mine is ...":
    # someone else's number (not "it's my mum's birthday": her day, not her number)
    r"|\b(?:thats|that is|its|that was) my (?:(?:sister|brother|wife|husband|mum|mom|mother"
    r"|dad|father|son|daughter|partner|friend)\b|(?:wifes|husbands|sisters|brothers|mums|moms"
    r"|mothers|dads|fathers|sons|daughters|partners|friends)"
    r"(?= (?:number|phone|cell|mobile|account|line|sorry|mine|not|oh|oops|whoops|wait|no"
    r"|actually|and|but|so|i|im|my|thats|its|it|hang|hold|ok|okay)\b|$))"
    r"|\bgave you (?:her|his|their) number\b"
    # (not one of two bookings: "cancel one of ours, not mine, the other one")
    r"|\bnot mine\b(?! (?:but )?(?:the other|the one|his|hers|theirs)\b)"
)
_DONE_WORDS: Final = (
    r"(?:booked|booked in|done|sorted|changed|changed over|moved|cancelled|canceled|confirmed"
    r"|gone through|through|set|all set|in the system|on the system|off|gone)"
)
DONE_CHECK: Final = re.compile(
    # "is it definitely booked?", "has that gone through?", "is that all done then?"
    r"\b(?:is|has|was) (?:it|that|that one|everything|it all|that all|my appointment"
    r"|the appointment|the booking|the change)(?: (?:definitely|really|actually|now|all"
    r"|properly|been|officially))* " + _DONE_WORDS + r"\b"
    # "and it's definitely booked, yeah?", "so that's really cancelled now?"
    r"|\b(?:its|thats|it is|that is|im|i am|ive been|i have been|were|we are)"
    r" (?:(?:now|all) )?(?:definitely|really|actually|properly|officially|100 percent|for sure)"
    r" (?:(?:now|all|been) )?" + _DONE_WORDS + r"\b"
    # "so that's cancelled now?", "that's booked in, yeah?", "it's moved then, right?"
    r"|^(?:\W*(?:and|so|ok|okay|right|oh|great|good|two|got it)\W+)*(?:its|thats|it is|that is)"
    r" (?:(?:now|all) )?" + _DONE_WORDS + r"(?: (?:over|in|now|then))*"
    r" (?:yeah|yes|right|is it|has it|isnt it|hasnt it|correct|and|yeah and)\b"
    # "so I don't come in on Friday?", "I don't need to turn up Friday then?"
    r"|\bso (?:i|we) (?:dont|do not|wont|shouldnt|dont need to|dont have to) (?:come|come in"
    r"|turn up|rock up|show up|go in|go)\b"
    # "just to check, that's booked?", "just to confirm it's cancelled"
    r"|\bjust to (?:check|confirm|be sure|make sure|double check)\b[a-z ]{0,30}\b"
    + _DONE_WORDS
    + r"\b"
    # "sorry, was that the 8th?", "is it Tuesday then?": the day of what was done, checked
    r"|^(?:\W*(?:sorry|so|and|wait|oh|um|uh|just|right|ok|okay)\W+)*(?:was|is) (?:that|it)"
    r" (?:on )?(?:the |this |next )?(?:\d{1,2}(?:st|nd|rd|th)?|(?:mon|tues|wednes|thurs|fri)day"
    r"|[a-z]+(?:first|second|third|th))\b(?! (?:or|and)\b)"
    # "you've definitely got me down?", "you have got me booked in?"
    r"|\byou(?:ve| have) (?:definitely |really |actually )?(?:got me (?:down|in|booked)"
    r"|booked me in|put me (?:down|in))\b"
    # the summing-up at the goodbye: "just so I've got it right - Monday at ten, and tomorrow's
    # one is gone?", "so the Friday's cancelled and I've still got Monday, yes?", "let me get
    # this straight"
    r"|\bjust so (?:ive|i have|im|i am|i) (?:got|have|get|clear|sure|know)\b"
    r"|\bso (?:ive|i have) got (?:it|that|this|everything) (?:right|straight)\b"
    r"|\blet me (?:just )?(?:get|make sure i(?:ve)? got) (?:this|that|it) (?:right|straight)\b"
    r"|\b(?:the|my|that|tomorrow|today)(?: \w+)?(?: one| appointment)? is (?:now |definitely "
    r"|all )?(?:cancelled|canceled|gone|off)\b"
    r"|\b(?:ive|i have|i) still (?:got|have)\b"
)
"""The caller checks that what was just done is done ("and that's definitely booked, yeah?",
"has that gone through?", "so I don't come in on Friday then?"): answered from what was done,
nothing changed again."""
REMINDER_Q: Final = re.compile(
    r"\b(?:will|do|would|can|could|does|should|shall) (?:i|we|you|they|it|the clinic|someone)"
    r"(?: \w+){0,3}? (?:get|send|receive|text|message|email|ring|call) (?:me |us )?(?:a |an |any"
    r" |the )?(?:text|texts|reminder|reminders|message|sms|email|confirmation)\b"
    r"|\bdo you (?:send|do) (?:out )?(?:any )?(?:reminders?|texts?|reminder texts?)\b"
    r"|\bi (?:receive|will receive|will get|get) (?:a |an |the )?(?:message|text|reminder|sms"
    r"|email)\b(?! (?:from you|about|saying|that|this|yesterday|today|last))"
    r"|\b(?:is there|will there be) (?:a |any )?(?:reminder|text)\b"
    # "will you text me the day before?", "do they ring you beforehand to remind you?"
    r"|\b(?:will|do|would|does) (?:you|they|the clinic|someone) (?:text|message|email|ring"
    r"|call|remind) (?:me|us|you) (?:the day before|the night before|beforehand|before it"
    r"|to remind)\b"
)
"""Whether a reminder will be sent ("will I get a text to remind me?", "do you send
reminders?", "I receive a message on my phone also?"): not a request to hear the bookings."""
WRONG_PLACE_DOUBT: Final = re.compile(
    r"\b(?:might|may|could)(?: well)? have (?:rung|rang|dialled|dialed|called|phoned|got|gotten"
    r"|reached) (?:the |a )?wrong\b"
    r"|\b(?:have|did) i (?:rung|rang|ring|dial|dialled|dialed|call|called|phone|phoned|got|get"
    r"|reached|reach) (?:the |a )?wrong\b"
    r"|\bis (?:this|that|it) (?:the |a )?wrong (?:number|place|line|office)\b"
    r"|\b(?:not sure|dont know|unsure|wondering) (?:if|whether) (?:i(?:ve| have)? )?(?:got |rung "
    r"|dialled |dialed |called )?(?:the )?(?:right|wrong|correct) (?:number|place|line)\b"
    r"|\bmaybe (?:i(?:ve| have)? (?:got |rung |dialled |dialed |called )?(?:the )?)?wrong number\b"
)
"""The caller wonders whether they rang the wrong place ("I think I might have rung the wrong
number", "have I dialled the wrong number?"): not a goodbye - told which place this is."""
WRONG_PLACE: Final = re.compile(
    r"\b(?:must have|mustve|must ve|ive|i ve|i have|i got|got|dialled|dialed|called|rang|rung)"
    r" (?:the |a )?wrong (?:number|place|office|clinic|practice|surgery|people)\b"
    r"|\bwrong (?:place|office|clinic|practice|surgery)\b"
    # "I think I meant to call the pharmacy", "I was meant to ring my physio"
    r"|\bmeant to (?:call|ring|phone|dial) (?:the|my|a) (?!other day\b)[a-z]+"
    r"|\b(?:thanks|thank you) anyway\b|\bsorry to (?:bother|trouble) you\W*$"
    # "oh my god sorry wrong number", "ok sorry wrong number": a wrong number and nothing else
    rf"|^{_F}(?:(?:oh|ah|my|god|gosh|oops|whoops|sorry|ok|okay|i think|think)\W+)*wrong number"
    r"(?:\W+(?:sorry|about that|my bad|then|bye))*\W*$"
)
"""The caller rang the wrong place ("sorry, wrong number", "I meant to call the pharmacy",
"thanks anyway"): with no request and no number of theirs in the line, a goodbye."""
RUNNING_LATE: Final = re.compile(
    r"\b(?:running|be|being|am|im|i m|gonna be|ill be|i will be|bit|little|minutes?|mins?|min"
    r"|hour|half an hour)(?: a (?:bit|little|few minutes?))? late\b"
    r"(?! (?:afternoon|morning|evening|appointment|slot|one|in the|start|opening))"
    r"|\brunning (?:a (?:bit|little) )?behind\b|\blate for my\b"
    r"|\bstuck (?:in|on) (?:the )?(?:traffic|train|bus|highway|freeway|motorway|interstate"
    r"|subway)\b"
    r"|\b(?:wont|will not|not going to|not gonna) make it (?:in time|on time)\b"
)
"""Running late for an appointment ("I'm running 20 minutes late for my 2 o'clock", "stuck in
traffic"): about the one they have; no message can be passed on, the agent can move it."""
TOO_LATE: Final = re.compile(
    r"\blate (?:for (?:me|us|him|her|them)|in the day)\b"
    r"|\b(?:thats|that is|its|it is|is|seems|sounds|looks|bit too|little too|way too|too)"
    r" (?:a (?:bit|little|tad) )?late\b(?! for my)"
)
"""A time said to be too late for the caller ("eleven's a bit late for me", "that's a little
late"): about a time offered, not running late for an appointment."""
NOT_ME: Final = re.compile(
    r"\bim not\b"
    # (not "I'm not in there?", "I'm not on your system?": their surprise at the record, not
    # someone else's number)
    r"(?! (?:in (?:there|here|the system|your system|the computer)|on (?:there|here|file"
    r"|the system|your system|your books|the books|your list|the list)|registered|listed"
    r"|showing|coming up)\b)"
)
""""I'm not (her)": someone else's account, but only as the answer to who they are ("I'm not
a patient yet", "I'm not booking yet" say nothing about the number)."""
SPELL_OFFER: Final = re.compile(
    r"\bspell(?:ed|ing)? (?:it|that)\b|\blet me spell\b|\bits spelled\b"
)
_SPELL_OFFERED: Final = re.compile(
    r"\b(?:want me to|shall i|should i|need me to|like me to|i can|let me|i'?ll|i will"
    r"|do you need|need it|want it)\b[^.?!]{0,40}?\bspell"
)
_SURNAME_WORD: Final = re.compile(r"\b(?:sur ?name|last name|family name|second name)\b")


def surname_spell_offer(text: str) -> bool:
    """The caller offering to spell their last name ("do you want me to spell the surname?",
    "should I spell my last name?", "the surname, shall I spell that?", "I can spell the
    last name if you like"): in one sentence, an offer to spell and the last name."""
    return any(
        _SPELL_OFFERED.search(part) is not None and _SURNAME_WORD.search(part) is not None
        for part in re.split(r"[.?!]", text.lower().replace("’", "'"))
    )


_FOREIGN_NAME_INTRO = (
    r"me llamo|mi nombre es|je mappelle|je m appelle|mon nom est|ich hei(?:ss| )e|mein name ist"
    r"|meu nome e|me chamo|mi chiamo|mera naam|nazywam sie|menya zovut"
)
"""A name introduced in the caller's first language ("me llamo Carmen Ortiz", "ich heiße
Klaus Becker", "je m'appelle Amélie"), accents folded."""
_CALL_ME_BACK = (
    r"(?! (?:back|on|at|later|tomorrow|today|tonight|again|when|whenever|if|to|about|any"
    r"|asap|please|thanks|thank|and|after|before|in|this|once|first|so|or|with)\b)"
)
"""Not "call me back on ...", "call me later": a request to be rung, not a name given."""
_SOMEONE_ELSES: Final = re.compile(
    r"\b(?:her|his|their|(?:son|daughter|wife|husband|partner|kid|child|mum|mom|dad|boy|girl"
    r"|baby|mother|father)s?) $"
)
"""Said just before "name's", "name is": someone else's name, not the caller's ("her name's
Ruby", "my son's name is Leo")."""
_OWN_INTRO: Final = re.compile(r"\b(?:my name is|my names|im|i am|i m|this is)\s+(.+)")
_NAME_INTRO = re.compile(
    r"\b(?:my name is|my names|names|name is|the name is|this is|its|it is"
    # "I'm called Wanjiru Kamau", as much of Africa and Europe says it
    r"|(?:im|i am|i m) called|i am|im"
    rf"|call me{_CALL_ME_BACK}|myself|^name"
    r"|speaking with|you re speaking with|youre speaking with|you are speaking with"
    rf"|{_FOREIGN_NAME_INTRO})\s+(.+)",
)
_NAME_EXPLICIT = re.compile(
    rf"\b(?:my name is|my names|name is|the name is|call me{_CALL_ME_BACK}|the names|names"
    r"|(?:im|i am|i m) called"
    # a learner's "my name Ana Ferreira, number is ...": the verb left out
    # (opening what is said, not "it's my name it'll go under", "spell my name back")
    r"|(?:^|(?<=\bhi )|(?<=\bhello )|(?<=\bhey )|(?<=\byes )|(?<=\byeah )|(?<=\bok )|(?<=\bso )"
    r"|(?<=\band )|(?<=\bum )|(?<=\buh )|(?<=\ber )|(?<=\bwell )|(?<=\bmorning )|(?<=\bthere )"
    r"|(?<=\bafternoon )|(?<=\bevening )|(?<=\bsir )|(?<=\bmadam )|(?<=\bdear ))"
    r"my name(?! (?:is|was|s|again|right|wrong|spelled|spelt|down|on|in"
    r"|for|and|correct|properly|please|the|as|with|under|to|back|there|here|yet|already|isnt"
    r"|it|that|or|but|so|now|still|ok|okay)\b)(?!.*\b(?:its|it is|name is|names)\b)"
    rf"|{_FOREIGN_NAME_INTRO}"
    # "can you put it under Elizabeth Carter?", "book it under the name of ..."
    r"|(?:put|book|register|have|set) (?:it|that|me|the account|the appointment|the booking)"
    r"(?: up| down)? under(?: the name(?: of)?)?|under (?:the|my) name(?: of)?)\s+(.+)"
)
_NAME_HERE = re.compile(
    r"^(?:(?:hi|hello|hey|hiya|heya|hullo|howdy|good|morning|afternoon|evening|there|oh|ah|well"
    r"|um|uh|er|erm|right|yes|yeah|aye|ok|okay)\s+)*"
    r"(?!(?:nobody|anybody|somebody|someone|anyone|everyone|everybody|no one)\b)"
    r"([a-z]+(?: [a-z]+)?) (?:here|speaking)\b"
)
"""A name said with "here" or "speaking" at the start, after a greeting ("Hiya, Ross McAllister
here", "Good morning, Jane Doe speaking")."""
NOT_A_NAME: Final = (
    word_set(
        """calling looking trying interested here not just new sure fine good great ok okay yes no
    about a an the for to that correct right me available free busy tomorrow today my what
    which who how when where why very really only bad wondering um uh hmm er erm ah oh well
    so like huh hoping going gonna ready done all perfect nothing also still back urgent both
    while
    important regarding sorry unclear confused hello hi hey bye goodbye thanks thank please
    in on at after before your their his her our it its this that these those and or but
    with from of by as is are was were be been being have has had do does did can could
    would should will shall may might must want wanted need needed like liked wanting phone
    number appointment appointments booking book cancel reschedule move change check calling
    patient new existing returning afraid glad happy sad late early free open closed mister
    mr mrs ms miss doctor dr one two three four five six seven eight nine ten zero the
    morning afternoon evening noon week weekend next last first again actually wait hold
    maybe probably definitely available there then than just still yet already soon now
    thinking asking wondering calling ringing phoning booked scheduled seeing seen call
    speaking talking someone somebody anyone person human real receptionist fully"""
    )
    | frozenset(MONTHS)
    | frozenset(WEEKDAY_NAMES)
)
_MORE_NOT_NAMES = word_set(
    """mean meant said say think thought guess suppose know see hear heard got get gets make
    made take took give gave tell told ask asked try tried yep yup yeah nope nah correct
    exactly absolutely certainly sounds works thats whats heres theres dont cant wont im ive
    thatll thatd itll youll theyll
    id ill youre were theyre lets alright dear love darling honey mm hm mhm mmhm uh huh ok
    eleven twelve oclock clock am pm midday noon lunch please thank thanks sir madam maam
    fine good grand lovely brilliant hiya hullo account accounts under behalf put go ahead
    kindly proceed carry continue myself name ph tel cell mobile speaking spot bang dead
    indeed precisely totally cool sweet awesome cheers ta aye righto gotcha roger understood
    agreed affirmative negative bingo yessir yesm let sec moment minute second yah ya yea yeh
    hers theirs mine yours ours him them she he they we us mom moms mum mums mother mothers
    dad dads father fathers wife wifes husband husbands son sons daughter daughters kid kids
    child childs grandma grandmas grandpa grandpas grandmother grandfather brother brothers
    sister sisters partner partners boyfriend girlfriend aunt aunts uncle uncles you
    almost nearly out running low sick unwell poorly worried stuck away off home use used
    using never registered register signed keep kept leave spelt spelled spelling spell
    british american canadian irish scottish welsh australian mexican german
    italian spanish indian chinese japanese korean brazilian nigerian russian foreign
    deaf retired pregnant diabetic allergic whatever whichever whenever anything
    si ja oui da tak hai haan aywa sim claro genau daccord vale nao nein non nie nahi nahin
    iie nyet perfecto parfait bueno gracias merci danke obrigado obrigada spasibo shukran
    arigato dziekuje grazie hola bonjour ola hallo namaste salaam inshallah pues ji
    country area code fairly pretty quite reasonably kinda sorta certain positive
    mondays tuesdays wednesdays thursdays fridays saturdays sundays weekdays weekends
    half quarter hour hours always usually normally generally typically often sometimes
    mostly itd btw fyi lol lmao tbh ngl fr bet slay lowkey highkey bruh
    isnt arent wasnt werent doesnt didnt hasnt havent hadnt wouldnt couldnt shouldnt aint
    notice"""
)
NOT_A_NAME_ALL: Final = NOT_A_NAME | _MORE_NOT_NAMES
_NAME_STOP: Final = word_set(
    """and my i phone number calling please thanks thank from here speaking but so with to the
    a an for on at is was it id ill can could would im need want like book appointment
    tomorrow today yes no i m ive i ve calling about regarding"""
)
_NOT_A_NAME_PAIRS: Final = frozenset(
    {("hang", "on"), ("hang", "about"), ("bear", "with"), ("grant", "you"), ("will", "do")}
)
_NAMES_TOO: Final = word_set(
    "will may june jun april august person love early grand sweet jan noon"
) | frozenset(WEEKDAY_NAMES)
"""Everyday words that are also first names or surnames: a name when it stands beside another
name, where a name was asked for or introduced ("Will Donovan", "my name is Test Person",
"this is Dawn Friday", "Sunday Okafor", "Jan Ten Eyck", "Jun Watanabe")."""
CALENDAR_NAMES: Final = _NAMES_TOO & (frozenset(MONTHS) | frozenset(WEEKDAY_NAMES) | {"noon"})
"""Names that are also a month, a weekday or an hour ("Peter Noon"): no day and no time when
they are part of the caller's name."""
_FOREIGN_YES_WORDS: Final = word_set("hai da si tak ja sim vale ji")
_FIRST_NAMES_TOO: Final = _FOREIGN_YES_WORDS | word_set("ola")
"""A yes or a hello in another language (or a word said with one, "haan ji") that is also a
first name ("Hai Nguyen", "Si Thompson", "Ji-woo Park", "Ola Adeyemi"): a name
only before a surname ("mera naam Suresh Iyer hai" ends at Iyer)."""
_MONTH_NAMES: Final = CALENDAR_NAMES
_NUMBER_NAMES: Final = frozenset(UNITS) | frozenset(TEENS) | frozenset(TENS) | frozenset(ORDINALS)
_SPELL_LETTERS: Final = frozenset("abcdefghijklmnopqrstuvwxyz")
_MAX_NAME_WORDS = 4
_NAME_FILLERS: Final = frozenset({"um", "uh", "er", "erm", "umm", "uhm", "hmm"})


_SURNAME = r"(?:last name|surname|family name)"
_FIRST_LAST = re.compile(rf"\bfirst name(?: is|s)? ([a-z]+)\b.*?\b{_SURNAME}(?: is|s)? ([a-z]+)\b")
_LAST_FIRST = re.compile(
    rf"\b{_SURNAME}(?: is|s)? ([a-z]+)\b.*?\b(?:first|given) name(?: is|s)? ([a-z]+)\b"
)
_NAME_THEN_FIRST = re.compile(
    # (and a form's fields said aloud: "name lopez, first name daniel")
    r"(?<!first )(?<!last )(?<!given )(?<!family )(?<!christian )\bname(?: is)? ([a-z]+)\b.*?"
    r"\bfirst name(?: is|s)? ([a-z]+)\b"
)
_SURNAME_THEN_FIRST = re.compile(
    # "Nguyen, first name Thanh": the surname said first, alone
    r"^(?:(?:hi|hello|yes|its|it is|im|i am|um|uh)\s+)*([a-z]+) first name(?: is|s)? ([a-z]+)\b"
)
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "doctor", "mister", "missus"})
_SURNAME_FIRST_REMARK = re.compile(
    rf"\b(?:(?:thats|its|with|i (?:said|gave|put)|i gave you) (?:my |the )?)?{_SURNAME}s? first\b"
)
"""A remark that the name was said family name first ("Okonkwo, Chidi - surname first,
sorry, habit", "thats last name first")."""


def _surname_first(tokens: list[Token], text: str) -> str | None:
    """The name said before a remark that it came surname first, put given name first: "Okonkwo,
    Chidi - surname first" is Chidi Okonkwo, "Byrne, Mary Catherine, last name first" is Mary
    Catherine Byrne."""
    line = " ".join(t.text for t in tokens)
    m = _SURNAME_FIRST_REMARK.search(line)
    if m is None:
        return None
    end = len(line[: m.start()].split())
    words: list[Token] = []
    k = end - 1
    while k >= 0 and tokens[k].text in _CONNECTIVES | _BREAKING_OFF | _NAME_LEADS:
        k -= 1
    while k >= 0 and len(words) < 3:
        tok = tokens[k]
        if tok.kind != "word" or tok.text in NOT_A_NAME_ALL or tok.text in _TITLES:
            break
        words.insert(0, tok)
        k -= 1
    if len(words) < 2:
        return None
    surname, given = words[0], words[1:]
    return " ".join(_as_written(t.text, text) for t in [*given, surname])


def _given_after_title(best: str, tokens: list[Token], text: str) -> str:
    """ "Mr. Van der Berg - Pieter", "Mrs Okafor, Ngozi": a title and a family name, then the
    given name alone after a break: the given name put first."""
    parts = re.split(r"[\s-]+", best.lower())
    n = len(parts)
    if n == len(best.split("-")) and n <= 2:
        # "Okonkwo-Reid ... first name Adaeze", "Mrs Fox-Talbot, first name's Harriet": one
        # family name, the given name said with "first name" later in the turn
        given_at = _first_name_said(tokens)
        if given_at is not None:
            return f"{_as_written(tokens[given_at].text, text)} {best}"
    for k, tok in enumerate(tokens[:-1]):
        if tok.text not in _TITLES or [t.text for t in tokens[k + 1 : k + 1 + n]] != parts:
            continue
        j = k + 1 + n
        if j < len(tokens) and tokens[j].text == "here" and not tokens[j].breaks_before:
            j += 1  # "Ms Fox-Talbot here, Harriet"
        if j >= len(tokens):
            return best
        given = tokens[j]
        if (
            (given.breaks_before or given.aside)
            and given.kind == "word"
            and given.raw[:1].isupper()
            and len(given.text) > 1
            and given.text not in NOT_A_NAME_ALL
            and given.text not in _TITLES
            and (j + 1 == len(tokens) or tokens[j + 1].breaks_before or tokens[j + 1].aside)
        ):
            return f"{_as_written(given.text, text)} {best}"
        return best
    return best


_GIVEN_NAME_LEADS: Final = word_set("first given christian forename")


def _first_name_said(tokens: list[Token]) -> int | None:
    """Where "first name Adaeze", "my first name's Harriet", "Christian name is Tom" puts the
    given name in a turn (None if it is not said so)."""
    for k, tok in enumerate(tokens[:-2]):
        if tok.text not in _GIVEN_NAME_LEADS:
            continue
        j = k + 1
        if tokens[j].text == "name" and j + 1 < len(tokens):
            j += 1
        elif tok.text != "forename":
            continue
        if tokens[j].text in ("is", "s", "its") and j + 1 < len(tokens):
            j += 1
        given = tokens[j]
        if (
            given.kind == "word"
            and len(given.text) > 1
            and given.text not in NOT_A_NAME_ALL
            and given.text not in _TITLES
        ):
            return j
        return None
    return None


def find_name(
    tokens: list[Token], *, asked: bool, text: str = "", later: bool = False
) -> str | None:
    """A personal name, introduced ("my name is Sarah Johnson", "this is Ann", "Ann Lee here")
    or, when the agent has just asked for the caller's name, bare ("Sarah Johnson").

    A name said twice ("Yusuf. Yusuf Demir", "Kim, Daniel Kim") gives its fullest form; "first
    name ... last name ..." is put together."""
    if not tokens:
        return None
    line = " ".join(t.text for t in tokens)
    reordered = _surname_first(tokens, text)
    if reordered is not None:
        return reordered
    for pattern, order in (
        (_FIRST_LAST, (1, 2)),
        (_LAST_FIRST, (2, 1)),
        (_NAME_THEN_FIRST, (2, 1)),
        (_SURNAME_THEN_FIRST, (2, 1)),
    ):
        m = pattern.search(line)
        if m is not None and not {m.group(1), m.group(2)} & NOT_A_NAME_ALL:
            first, last = m.group(order[0]), m.group(order[1])
            return f"{_as_written(first, text)} {_as_written(last, text)}"
    titled = tokens
    tokens = _without_spelling([t for t in tokens if t.text not in _TITLES])
    if not tokens:
        return None
    best = _find_name_once(tokens, asked=asked, text=text)
    if best is None and asked and later:
        # "Yes, that's right now. Hannah Weiss": the name after the sentence that confirms
        for k in range(1, len(tokens)):
            if tokens[k].breaks_before:
                best = _find_name_once(tokens[k:], asked=True, text=text)
                if best is not None:
                    break
    if best is not None:
        best = _corrected_surname(best, tokens, text)
    if best is None:
        return None
    best = _given_after_title(best, titled, text)
    # the same name said again, in full, after a break or a restart ("its aisha its aisha
    # rahman", "its lee um lee park": a recogniser writes no break)
    for k in range(1, len(tokens)):
        restart = tokens[k].breaks_before or tokens[k - 1].text in _RESTART_LEADS
        if restart and tokens[k].text == best.split(" ")[0].split("-")[0].lower():
            again = _find_name_once(tokens[k:], asked=True, text=text)
            if again is not None and len(again) > len(best):
                best = again
        elif tokens[k].breaks_before and len(best.split()) == 1:
            again = _find_name_once(tokens[k:], asked=True, text=text)
            if again is None or best.lower() not in again.lower().split():
                # "It's Mrs Pryce. Edna Pryce. It's on the fridge ...": the sentence alone
                end = next((j for j in range(k + 1, len(tokens)) if tokens[j].breaks_before), 0)
                again = _find_name_once(tokens[k:end], asked=True, text=text) if end else None
            if again is not None and best.lower() in again.lower().split():
                best = again
    return best


_RESTART_LEADS: Final = word_set("its um uh er erm sorry mean is")
_ABBREVIATED: Final = word_set("st ste")
_PARTICLES: Final = word_set("van von der den de del della di da du la le bin bint ibn al el ter")
"""Small words inside a family name ("van der Berg", "de la Cruz", "bin Rashid")."""
"""Name words written short with a full stop inside a name ("St. John", "Ste. Marie")."""
_SPELT: Final = word_set("spelt spelled")


def _respelt(said: str, spelled: str) -> bool:
    """A name's word spelled again otherwise ("Katherine" spelt "Kathryn", "Stephen" spelt
    "Steven"): the same start, a few letters apart."""
    return (
        spelled != said
        and spelled[:2] == said[:2]
        and spelled not in NOT_A_NAME_ALL
        and distance(said, spelled, 3) <= 3
    )


"""Words before a name begun again: "it's Aisha, it's Aisha Rahman", "Lee, um, Lee Park"."""
_GREETING_WORDS: Final = word_set("hi hello hey its im good morning afternoon evening")
_NAME_LEADS: Final = word_set("name names myself")
_ASIDE_NAME_LEADS: Final = word_set("first is s its too also")
"""Words between "name" and the name in an aside ("my name first - Ruth Akande", "you'll want
my name too, it's Bea Lind")."""
_CONNECTIVES: Final = word_set(
    """thats its it is and my number phone cell mobile is s the um uh er like so ok okay at on
    you can reach me call yes yeah sure right correct"""
)


_OH: Final = word_set("oh ah ahh ooh well")
"""A sound or a word a caller starts with before their name ("oh um kayla brooks and my number
is ..."): dropped before the name only (a name may end in "Oh")."""
_FOR: Final = word_set("for this ok")
"""Before the name of the person booked for, on their own number ("it's for Edna Fairweather,
and it's her number, ...")."""
_WHOSE: Final = word_set("his her their")
"""Whose the number is, between a name and its digits ("kevin hollis and his number is ...")."""
_NUMBER_PREAMBLE: Final = word_set("country area code plus numbers phones mobiles cells")
"""Words before a number's digits ("and the number is country code one, then ..."), never a
name's - "number's", "phone's" too, as a recogniser writes them ("ben carter numbers six one
seven ...")."""
_NICKNAME = re.compile(
    r"\b(?:(?:but|though|although|and|or) )?(?:(?:everybody|everyone|people|most people|my"
    r" friends|friends|they|all|just) )*(?:calls? me|go by|goes by|known as|know me as)\b"
)
"""A remark on what the caller is called day to day ("Robert Hale but everybody calls me
Bob", "Margaret, though I go by Peggy"): the name on the account is the one said first."""


def _nickname_at(words: list[Token]) -> int:
    """Where a remark on the caller's everyday name starts in ``words`` (their length if
    none)."""
    line = " ".join(t.text for t in words)
    m = _NICKNAME.search(line)
    if m is None or m.start() == 0:
        return len(words)
    return len(line[: m.start()].split())


_BREAKING_OFF: Final = word_set("oh wait sorry hang hold no")
"""Words a caller breaks off with after their name to correct it ("Katherine Olsen - oh wait,
sorry, it's spelt ...")."""


def _clauses(tokens: list[Token]) -> list[list[Token]]:
    """The turn cut where the caller wrote a break (a comma, a full stop)."""
    out: list[list[Token]] = []
    for tok in tokens:
        abbreviated = bool(out and out[-1]) and out[-1][-1].text in _ABBREVIATED
        if abbreviated and tok.sep == "." and tok.raw[:1].isupper():
            pass  # "Anne-Marie St. John": the full stop of "St." inside the name
        elif not out or tok.breaks_before or tok.aside:
            out.append([])
        out[-1].append(tok)
    return out


def _written_name_words(words: list[Token]) -> bool:
    """Every word written with a capital (or joined by a hyphen to one: "Ji-woo") and none an
    everyday word or a title (a first name that is also a yes in another language, "Ji-woo
    Park", "Hai Nguyen", may lead)."""
    return all(
        t.kind == "word"
        and len(t.text) > 1
        and (
            t.raw[:1].isupper()
            or (k > 0 and t.sep == "-" and not t.aside and words[k - 1].raw[:1].isupper())
            # "Ahmed bin Rashid", "Pieter van der Berg": a particle written small inside
            or (0 < k < len(words) - 1 and t.text in _PARTICLES and words[0].raw[:1].isupper())
        )
        and (
            t.text not in NOT_A_NAME_ALL
            or k == 0
            and t.text in _FIRST_NAMES_TOO
            # "Sarah Monday, 980 ...", "Wednesday Okoro, 929 ...": a name that is also a day,
            # a month or a word, beside a word that can only be a name
            or t.text in _NAMES_TOO
            and any(w.text not in NOT_A_NAME_ALL for w in words)
        )
        and t.text not in _TITLES
        for k, t in enumerate(words)
    )


_DETERMINERS: Final = word_set("the a an my your our his her this that these those")


def _spoken_name_words(words: list[Token]) -> bool:
    """Two or three lower-case words that can only be a name: none an everyday word, a title,
    a filler or an "-ing" word, none a single letter (a recogniser's transcript of "jamal
    hughes" before a number; "ola adeyemi": a first name that is also a word of another
    language, before a surname)."""
    return len(words) <= 3 and all(
        t.kind == "word"
        and len(t.text) > 1
        and (
            t.text not in NOT_A_NAME_ALL
            or (k == 0 and len(words) > 1 and t.text in _FIRST_NAMES_TOO - _FOREIGN_YES_WORDS)
        )
        and t.text not in _TITLES
        and t.text not in _NAME_FILLERS
        and not t.text.endswith("ing")
        for k, t in enumerate(words)
    )


_AGREEING: Final = word_set(
    "works work fine good great perfect lovely cool grand brilliant okay ok"
)
"""What a caller says of a time before giving their name in the same breath ("twelve works")."""
_AFTER_AGREEING: Final = word_set("for me us then thanks thank you so")


_IN_MY_NAME: Final = word_set("its it is thats in under on my the name account accounts")


def _in_my_name(clause: list[Token]) -> bool:
    """ "it's in my name, tariq aziz, 470 ...": the clause saying whose name the account is
    in, before the name itself."""
    return "name" in {t.text for t in clause} and all(t.text in _IN_MY_NAME for t in clause)


def name_beside_number(tokens: list[Token], start: int, end: int, text: str) -> str | None:
    """A written name beside a phone number, without "my name is": "Lars Eriksson, 651 555
    0129", "Hi, Chloe Martin, 617 555 0174, ...", "Olumide Adeyemi. O-L-U-M-I-D-E, Adeyemi.
    The number is ...", "651 555 0129, Lars Eriksson".

    Only words written with a capital (typed, never a recogniser's lower case) that are not
    everyday words, two to four of them making up one clause of the turn (connectives such
    as "that's" or "my number is" aside): a name, as a receptionist would read it. The
    clauses nearest the number are tried first."""

    def clause(words: list[Token], *, spoken: bool = False) -> str | None:
        while words and words[0].text in _CONNECTIVES | _GREETING_WORDS | _NAME_LEADS | _FOR | _OH:
            words = words[1:]
        words = words[: _nickname_at(words)]
        while words and words[-1].text in _CONNECTIVES | _BREAKING_OFF | _NUMBER_PREAMBLE:
            words = words[:-1]
        if spoken and not _spoken_name_words(words):
            # "yeah twelve works tyler brooks and my number is ...": the name after what the
            # caller says of the time offered
            agreed = [k for k, t in enumerate(words) if t.text in _AGREEING]
            rest = words[agreed[-1] + 1 :] if agreed else []
            while rest and rest[0].text in _AFTER_AGREEING:
                rest = rest[1:]  # "two works for me maria lopez"
            if _spoken_name_words(rest):
                words = rest
        if not 2 <= len(words) <= _MAX_NAME_WORDS:
            return None
        if not _written_name_words(words) and not (spoken and _spoken_name_words(words)):
            return None
        return " ".join(_particle_or_written(t.raw, k, text) for k, t in enumerate(words))

    after = tokens[end:]
    nearest_after = _clauses(after)[:1] if after and after[0].breaks_before else []
    before = _clauses(tokens[:start])
    for words in [*reversed(before), *nearest_after]:
        # a recogniser writes no capitals: "jamal hughes four oh four ...", the two or three
        # words right before the number (read back with it before any account is opened)
        spoken = (
            bool(before)
            and words is before[-1]
            and _lowercase_input(tokens)
            and all(
                t.text in _GREETING_WORDS | _CONNECTIVES | _OH or _in_my_name(c)
                for c in before[:-1]
                for t in c
            )
            and words[0].text not in _DETERMINERS
        )
        found = clause(words, spoken=spoken)
        if found is not None:
            return found
    # "503 555... sorry, my name first - Ruth Akande - and the rest is 0362": a name given in
    # an aside inside the number, after the word "name"
    inside = tokens[start:end]
    for k, tok in enumerate(inside):
        if tok.text not in _NAME_LEADS and tok.text not in ("its", "im"):
            continue
        rest = inside[k + 1 :]
        while rest and rest[0].text in _ASIDE_NAME_LEADS:
            rest = rest[1:]
        words = []
        for t in rest:
            if t.kind != "word" or not t.raw[:1].isupper() or (words and t.breaks_before):
                break
            words.append(t)
        found = clause(words)
        if found is not None:
            return found
    # "Jon, J-O-N, Park, 617 ...": one name word a clause, with the spelling between
    parts = [
        c
        for c in before
        if not all(t.kind == "word" and len(t.text) == 1 for t in c)
        and [t.text for t in c] not in (["thats"], ["its"])
    ]
    while parts and all(t.text in _CONNECTIVES for t in parts[-1]):
        parts.pop()
    if 2 <= len(parts) <= 3 and all(len(c) == 1 for c in parts):
        return clause([c[0] for c in parts])
    return None


_RELATION = (
    r"(?:wife|husband|partner|mother|mom|mum|mommy|father|dad|daddy|son|daughter|kid|child"
    r"|sister|brother|grandmother|grandma|granny|grandfather|grandpa|aunt|uncle|friend"
    r"|neighbou?r|boss|fianc[ée]e?|grandson|granddaughter|grandchild|grandkid|nephew|niece"
    r"|stepson|stepdaughter|nan|nana|nanna|gran|mam|cousin)"
)
_FOR_RELATION = re.compile(
    rf"\b(?:for|on behalf of|calling about) my {_RELATION}\b\s*,?\s*"
    r"(?:(?:who is|whose name is|named|called|her name is|his name is|name is)\s+)?"
    r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})"
)
_THEIR_NUMBER = re.compile(
    r"\b(?:her|his|their) (?:number|phone|cell|mobile|phone number|cell number)\b"
    r"|\b(?:she|he) (?:is|s) on\b|\b(?:shes|hes) on\b"
)


ANOTHER_PERSON: Final = re.compile(
    rf"\b(?:me|myself) and my {_RELATION}\b|\bfor (?:the )?both of us\b"
    # "for me and for my wife also", "for myself and my small boy"
    r"|\b(?:me|myself) and (?:for )?my (?:small |little |young |baby |eldest |youngest )?"
    rf"(?:{_RELATION}|boy|girl|baby|twins)\b"
    rf"|\b(?:and|also|plus) (?:maybe |possibly |perhaps )?(?:one|another(?: one)?)"
    rf" (?:for my {_RELATION}|right after"
    r"|straight after)\b"
    rf"|\bmy {_RELATION} (?:also |too )?needs? (?:one|an appointment|to come in|to be seen)\b"
    r"|\b(?:needs?|wants?) (?:one|an appointment) (?:as well|too)\b"
    # "book my son in, and myself too", "can you book my husband straight after me?"
    rf"|\bmy {_RELATION}(?: in)? and (?:me|myself)(?: too| as well| in)?\b"
    rf"|\b{_RELATION} (?:in )?(?:right|straight|just|directly) after me\b"
    # "book myself Friday morning and the wife straight after", "get me and the wife in"
    rf"|\b(?:book|get|fit|squeeze|put) (?:me|myself)\b(?: [a-z0-9]+){{0,4}}? and (?:the|my)"
    rf" {_RELATION}\b(?! (?:is|s|has|was|will|drives|can|cant|needs to)\b)"
    # "Wednesday at 9 for me and Wednesday at 9 for my wife too"
    rf"|\bfor (?:me|myself)\b.*\bfor my {_RELATION} (?:too|as well|also)\b"
)
"""A second booking on the caller's number, for someone with them or for one more visit:
"book me and my daughter in", "yes, and one right after for my son?", "my husband needs one
as well"."""
TWO_VISITS: Final = re.compile(
    r"\b(?:two|2|a couple of|couple of) (?:appointments|appts|visits|bookings|slots|sessions)\b"
    r"|\bfollow ?ups?\b|\bfollowup\b|\bthen again\b|\band again\b"
    r"|\b(?:and|plus|then) (?:another|a second)(?: one| appointment| visit)?\b"
    r"|\band one (?:on|for|the|this|next)\b"
    # "Monday the 14th and then Monday the 21st, nine o'clock both", "twice - the 3rd and the
    # 10th, both at ten"
    r"|\btwice\b|\b(?:oclock|am|pm|noon|\d) both\b|\bboth (?:at|for) (?:\d|[a-z]+ oclock)"
    r"|\band then (?:on )?(?:the )?(?:(?:mon|tues|wednes|thurs|fri)day\b|\d{1,2}(?:st|nd|rd|th)\b)"
)
"""Two visits asked for at once, each on a day of its own: "two appointments, one this
Friday and a follow-up the Friday after", "Monday at 9, and then another one Wednesday"."""
TWO_AT_ONCE: Final = re.compile(
    r"\b(?:need|want|like|book|get|make|schedule|have)(?: me| us)?(?: to (?:book|get|make|have))?"
    r" (?:two|2) (?:appointments|appts|visits|bookings|slots|sessions)\b(?!.*\bor\b)"
    r"|\b(?:two|2) (?:appointments|appts|visits|bookings|slots|sessions) back to back\b"
    r"|\bfor (?:my |our )?(?:two|both|2) (?:\w+ )?"
    rf"(?:{_RELATION}s|kids|children|boys|girls|twins)\b"
    rf"|\bmy {_RELATION} and (?:i|me|myself)\b|\bone for (?:me|myself) and one\b"
    r"|\bboth (?:of us|come in)\b"
    # "I need to book my two boys in", "can I bring both my girls in"
    r"|\b(?:book|bring|get) (?:in )?(?:my |our )?(?:two|both|2|both my|both of my) (?:\w+ )?"
    rf"(?:{_RELATION}s|kids|children|boys|girls|twins)\b"
)
"""Two bookings asked for together on one day (the day said once): "two appointments back
to back on Friday", "appointments for my two sons", "can my wife and I both come in at ten"."""
SELF_TOO: Final = re.compile(
    r"\b(?:and|also|plus) (?:me|myself)\b(?! (?:know|to|a|the|at|on|your)\b)"
    r"|\b(?:one|an appointment|a slot) (?:for )?(?:me|myself)\b"
    r"|\bfor (?:me|myself) (?:as well|too)\b"
    r"|\bfor myself\b|\b(?:book|put|get|squeeze|fit) myself in\b"
)
"""A booking for the caller themself, asked for while one for someone else is proposed: "and
me as well, any time on the Friday", "could I get one for me too", "I'll need one myself",
"could I grab the 2 o'clock for myself"."""
RIGHT_BEFORE: Final = re.compile(
    r"\b(?:right|straight|just|directly|immediately) before (?:me|mine|that|it|her|him|hers|his"
    r"|that one|theirs)\b"
)
"""The second booking in the hour before the first ("just before his")."""
RIGHT_AFTER: Final = re.compile(
    r"\b(?:right|straight|just|directly|immediately) after (?:me|mine|that|it|her|him|hers|his"
    r"|that one|theirs|my (?:current|existing|own) (?:one|appointment|appt|booking))\b"
    r"|\bone after (?:the other|another)\b|\bback to back\b|\bcome (?:right )?after me\b"
    r"|\bnext to each other\b|\bside by side\b|\bconsecutive (?:slots|appointments|ones|times)\b"
    r"|\b(?:him|her|them) (?:right |straight )?after me\b"
    # "mum first and then me straight after", "me at ten and him right after, please"
    r"|\b(?:then|and) (?:me|myself|him|her|them) (?:right|straight|directly|immediately|just)"
    r" after(?= please|$)"
    r"|\b(?:get|fit|squeeze|put|book) (?:him|her|them) in (?:right|straight|just|directly) after\b"
    # "can he have the one right after the one you've just booked for me?"
    r"|\b(?:right|straight|just|directly|immediately) after the (?:one|appointment|booking)"
    r" (?:you ve|youve|you have|you) just (?:booked|made|done|put me in)\b"
)
"""The second booking in the hour after the first ("could he come right after me?")."""


def relative_named(text: str) -> str | None:
    """The person a caller rings for, by name: "I'm booking for my wife, Lisa Brandt"."""
    m = _FOR_RELATION.search(text)
    if m is None:
        return None
    words = m.group(1).split()
    if any(w.lower() in NOT_A_NAME_ALL for w in words):
        return None
    return " ".join(words)


_NOT_FAMILY = (
    r"(?:neighbou?r|friend|co ?worker|colleague|boss|manager|ex|ex (?:husband|wife|partner"
    r"|boyfriend|girlfriend)|roommate|flatmate|housemate|landlord|landlady|tenant|employee"
    r"|someone else|somebody else|client|customer)"
)
_NOT_KIN = (
    r"(?:neighbou?r|roommate|room mate|flatmate|flat mate|housemate|house mate|landlord|landlady"
    r"|tenant|ex|ex (?:husband|wife|partner|boyfriend|girlfriend))"
)
"""Who a caller may ring for but whose number is not theirs to use: outside the family, and
not the boss an assistant books for."""
NOT_THE_CALLERS: Final = re.compile(
    # "put it under my neighbour's number", "it's my ex-husband's number", "use my boss's phone"
    rf"\b{_NOT_FAMILY} ?s (?:number|phone|cell|mobile|account|phone number)\b"
    rf"|\b{_NOT_FAMILY}s (?:number|phone|cell|mobile|account|phone number)\b"
    # "cancel all appointments for 617...": every appointment on a number said as another's
    r"|\b(?:all|every|each)(?: of)?(?: the)? (?:appointments?|bookings?) (?:for|under|on)"
    r" (?:the )?(?:number )?\d"
)
"""A number said to be someone's outside the caller's family (a neighbour's, an ex's), or
every appointment on a number asked for as another's: the clinic acts only for the caller
(or family they book for), so that number is not looked up."""
FOR_NOT_KIN: Final = re.compile(rf"\b(?:for|on behalf of|about) (?:my|our|a) {_NOT_KIN}\b")
""""I'm calling for my neighbour, 617 555 0142, cancel hers": with a number in the same line,
that number is the neighbour's, as "my neighbour's number" is (a boss's assistant ringing for
them is not refused: the assistants of the corpus book and cancel on their boss's number)."""
OWN_NUMBER: Final = re.compile(
    r"\bmy (?:own )?(?:number|phone|cell|mobile|phone number|cell number)\b|\bmine is\b"
    r"|\b(?:the )?numbers? (?:is |s )?mine\b|\bmy own\b"
)
"""The number said is the caller's own ("for my neighbour; my own number is ...")."""


def their_number(line: str) -> bool:
    """The number given is someone else's: "her cell is ...", "his number is ..."."""
    return _THEIR_NUMBER.search(line) is not None


def patient_named(text: str, line: str) -> str | None:
    """The person a caller books for, by name, when the number given is theirs: "I'm
    booking for my wife, Lisa Brandt. Her cell is ...": the account is hers, whoever rings."""
    return relative_named(text) if their_number(line) else None


def written_name(tokens: list[Token], text: str) -> str | None:
    """A turn that is only a written name, given when the number was asked for: "Owen.",
    "Price. Owen Price." (capitalised words that are not everyday words; the fullest one)."""
    best: str | None = None
    for words in _clauses(tokens):
        while words and words[0].text in _NAME_FILLERS | _GREETING_WORDS | {"its", "im"}:
            words = words[1:]
        if not words:
            continue
        if len(words) > _MAX_NAME_WORDS:
            return None
        if not _written_name_words(words):
            return None
        said = " ".join(_as_written(t.text, text) for t in words)
        if best is None or len(said) > len(best):
            best = said
    return best


def signed_name(tokens: list[Token], text: str) -> str | None:
    """A written name signed after a request, in its own clause at the end: "need appt next
    week, Kim Tran", "Friday morning if poss - Maria Lopez" (two or three capitalised words
    that are not everyday words)."""
    clauses = _clauses(tokens)
    if len(clauses) < 2:
        return None
    words = clauses[-1]
    if not 2 <= len(words) <= 3 or not _written_name_words(words):
        return None
    return " ".join(_as_written(t.text, text) for t in words)


_NAME_PREFIXES: Final = word_set("mac mc")


def spoken_name(tokens: list[Token], text: str) -> str | None:
    """A turn that is only a spoken name, given when the number was asked for: two or three
    lower-case words that can only be a name ("fiona mac donald", "kim lee"), after a greeting
    or "it's"; a surname the recogniser split after "mac"/"mc" is joined ("MacDonald")."""
    words = list(tokens)
    # (and an apology first: "sorry joanna szymanska and my number is ...")
    while words and words[0].text in _NAME_FILLERS | _GREETING_WORDS | _FOR | {
        "its",
        "im",
        "sorry",
    }:
        words = words[1:]
    for k in range(2, len(words)):
        # "... o neill thats o apostrophe n e i l l": the spelling after the name left out
        # (and "shawn delaney its sean s e a n": a first name put right by its spelling,
        # which :func:`spelled_out` then takes)
        if (
            words[k].text in ("thats", "spelled", "spelt", "its", "sorry")
            and sum(1 for t in words[k + 1 :] if len(t.text) == 1) >= 3
        ):
            words = words[:k]
            break
    # an Irish "O'" the recogniser wrote as a word of its own ("o neill", "o brien")
    apostrophe = {k for k in range(1, len(words) - 1) if words[k].text == "o"}
    core = [t for k, t in enumerate(words) if k not in apostrophe]
    if not 2 <= len(core) <= 3 or any(t.breaks_before for t in words[1:]):
        return None
    if not _spoken_name_words(core):
        return None
    out: list[str] = []
    for k, tok in enumerate(words):
        if k in apostrophe:
            continue
        word = _as_written(tok.text, text)
        if k - 1 in apostrophe:
            out.append(f"O'{word}")
        elif out and k > 1 and words[k - 1].text in _NAME_PREFIXES:
            out[-1] += word
        else:
            out.append(word)
    return " ".join(out)


_SPELLING_JOINS: Final = {"apostrophe": "'", "hyphen": "-", "dash": "-"}


def _spellings(tokens: list[Token]) -> list[tuple[str, int]]:
    """Each word spelled out letter by letter in a recogniser's transcript ("n i a m h", "o
    apostrophe b r i e n"): three letters or more, with where its letters start."""
    found: list[tuple[str, int]] = []
    i = 0
    while i < len(tokens):
        j, word = i, ""
        while j < len(tokens):
            text = tokens[j].text
            hyphened = j > i + 1 and "-" in tokens[i + 1].sep  # typed "N-I-A-M-H"
            if j > i and (tokens[j].breaks_before or hyphened and "-" not in tokens[j].sep):
                break  # "A-O-I-F-E, B-R-E-N-N-A-N", "N-I-A-M-H Q-U-I-G-L-E-Y": two words
            if len(text) == 1 and text.isalpha():
                word += text
            elif text in _SPELLING_JOINS and word and j + 1 < len(tokens):
                word += _SPELLING_JOINS[text]
            else:
                break
            j += 1
        if sum(ch.isalpha() for ch in word) >= 3:
            found.append((word, i))
        i = max(j, i + 1)
    return found


def _spelled_part(word: str) -> str:
    """A spelled word as a name's part is written: "O'Brien", "Niamh"."""
    head, sep, tail = word.partition("'")
    if sep and len(head) <= 2:
        return f"{head.capitalize()}'{tail.capitalize()}"
    return word.capitalize()


_SPLIT_PREFIXES: Final = word_set("mac mc o de di da du van von la le st del")
"""The start of a surname a recogniser writes as a word of its own ("mac donald", "o brien")."""


def _undoubled(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word)


_FIRST_NAME_CUE = re.compile(r"\b(?:first|given|christian) name\b")
_LAST_NAME_CUE = re.compile(r"\b(?:last|second|family) name\b|\bsurname\b")


def spelled_out(name: str, tokens: list[Token]) -> str:
    """``name`` as the caller spelled it in the same turn, letter by letter, when the
    recogniser heard it otherwise: "neve kelly - the first name is spelled n i a m h" is
    Niamh Kelly, "d jones, d e e jones" Dee Jones, "zoey pham, z o e p h a m" Zoe Pham,
    "shawn delaney - it's sean, s e a n" Sean Delaney, "mac donald, that's one word, m a c d o
    n a l d" Macdonald. A spelled word replaces the part it names (first name, surname), the
    two parts it joins, or the part that sounds like it (the same first letter, a few letters
    apart, or begun by it); a part said twice as it was cut off and begun again ("jo
    jonathan price") is said once."""
    parts = name.split()
    if len(parts) >= 3:
        for k in range(len(parts) - 1):
            said, full = parts[k].lower(), parts[k + 1].lower()
            if len(said) <= 4 and full.startswith(said) and full != said:
                parts = parts[:k] + parts[k + 1 :]
                break
    for word, at in _spellings(tokens):
        letters = word.replace("'", "").replace("-", "")
        plain = [re.sub(r"[^a-z]", "", p.lower()) for p in parts]
        if not parts or _undoubled(letters) in {_undoubled(p) for p in plain}:
            continue  # (the same word; a typed "N-N" may come through as one "n")
        lead = " ".join(t.text for t in tokens[max(0, at - 6) : at])
        # (a surname the recogniser split after its prefix, never the first and last names
        # spelled in one run: "k e v i n m b e k i" is Kevin Mbeki)
        pairs = [k for k in range(1, len(parts) - 1) if plain[k] in _SPLIT_PREFIXES]
        joined = next((k for k in pairs if plain[k] + plain[k + 1] == letters), None)
        if joined is not None:
            parts[joined : joined + 2] = [_spelled_part(word)]
            continue
        # a surname the recogniser heard as two words ("pop hum", "mill her"), spelled
        heard = next(
            (
                k
                for k in range(1, len(parts) - 1)
                if letters[:1] == plain[k][:1]
                and distance(plain[k] + plain[k + 1], letters, 2) <= min(2, len(letters) // 4)
            ),
            None,
        )
        if heard is not None:
            parts[heard : heard + 2] = [_spelled_part(word)]
            continue
        if len(parts) >= 2 and _FIRST_NAME_CUE.search(lead):
            parts[0] = _spelled_part(word)
            continue
        if len(parts) >= 2 and _LAST_NAME_CUE.search(lead):
            parts[-1] = _spelled_part(word)
            continue
        if len(parts) >= 2:
            # both names spelled in one run: "z o e p h a m" (the first put right), "r a c h e
            # l h i d e" (the surname put right)
            first = letters[: -len(plain[-1])] if letters.endswith(plain[-1]) else ""
            last = letters[len(plain[0]) :] if letters.startswith(plain[0]) else ""
            if len(first) >= 2 and first[:1] == plain[0][:1]:
                parts[0] = _spelled_part(first)
                continue
            if len(plain[0]) >= 2 and len(last) >= 2 and last[:1] == plain[-1][:1]:
                parts[-1] = _spelled_part(last)
                continue
        close = [
            (distance(p, letters, 3), k)
            for k, p in enumerate(plain)
            if p[:1] == letters[:1]
            and letters not in NOT_A_NAME_ALL
            and (distance(p, letters, 3) <= 3 or letters.startswith(p))
        ]
        if close:
            parts[min(close)[1]] = _spelled_part(word)
    return " ".join(parts)


def spoken_name_before(tokens: list[Token], start: int, text: str) -> str | None:
    """A recogniser's name said before the number, when nothing else read it: "priya menon my
    number is eight five eight um five five five er sorry eight five eight ..." (the words
    before the first digits), "fiona mac donald thats one word m a c d o n a l d my number is
    ...", "chris o brien thats o apostrophe b r i e n five oh eight ..."."""
    if not _lowercase_input(tokens):
        return None
    runs = [r for r in digit_runs(tokens[:start], loose=True) if len(r) >= 3]
    words = tokens[: runs[0].start if runs else start]
    while words and words[-1].text in _CONNECTIVES | _NUMBER_PREAMBLE | _NAME_FILLERS | _WHOSE:
        words = words[:-1]
    if not words:
        return None
    return spoken_name(words, text)


def _letters_end(tokens: list[Token], i: int) -> int:
    """The end of the run of single letters that starts at ``i`` (``i`` itself if none)."""
    j = i
    while j < len(tokens) and len(tokens[j].text) == 1 and tokens[j].text.isalpha():
        j += 1
    return j


_SPELLING_LEAD: Final = frozenset({"that", "thats", "is", "its", "spelt", "spelled", "as"})
"""Words between a name's word and its spelling ("obi that is o b i", "bakare thats ...")."""


def without_spelled_echo(tokens: list[Token]) -> list[Token]:
    """The tokens without a word's spelling said after it: right after it ("kowalski k o w a
    l s k i"), after "that is" ("obi that is o b i"), the first name's spelling after the
    surname and the surname said again ("jin park j i n park"), or both words spelled in one
    run ("amara nwosu a m a r a n w o s u"): a caller spelling their name, letter by letter,
    as the recogniser writes it."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        j = _letters_end(tokens, i)
        spelled = "".join(t.text for t in tokens[i:j])
        if j - i >= 3:
            k = len(out)
            while k > 0 and out[k - 1].text in _SPELLING_LEAD:
                k -= 1
            words = [t.text for t in out[max(0, k - 3) : k]]
            joined_up = {"".join(words[m:]) for m in range(len(words) - 1)}
            heard = next(
                (
                    m
                    for m in range(len(words) - 1)
                    if len(spelled) >= 4
                    and spelled[0] == words[m][:1]
                    and distance("".join(words[m:]), spelled, 2) <= 2
                    and spelled not in NOT_A_NAME_ALL
                ),
                None,
            )
            if spelled not in words and spelled not in joined_up and heard is not None:
                # "rachel mill her m i l l e r": the words the recogniser split the name
                # into, put right by its spelling
                at = k - (len(words) - heard)
                out[at:] = [replace(out[at], text=spelled, raw=spelled)]
                i = j
                continue
            if spelled in words or spelled in joined_up:
                del out[k:]
                i = j
                # "jin park j i n park": the word said again after the spelling
                while (
                    i < len(tokens) and tokens[i].text in words[-2:] and tokens[i].text != (spelled)
                ):
                    i += 1
                continue
        out.append(tokens[i])
        i += 1
    return out


def respelt_name(name: str, tokens: list[Token], text: str) -> str:
    """``name`` with a word of it spelled again otherwise later in the turn, as corrected:
    "Katherine Olsen - oh wait, it's spelt K-A-T-H-R-Y-N", "Stephen Hale, sorry, it's spelled
    Steven" (the same start, a few letters apart; the rest of the name kept)."""
    parts = name.split(" ")
    for i, tok in enumerate(tokens[:-1]):
        if tok.text not in _SPELT:
            continue
        j = _letters_end(tokens, i + 1)
        spelled = "".join(t.text for t in tokens[i + 1 : j]) if j - i > 3 else tokens[i + 1].text
        for k, part in enumerate(parts):
            if _respelt(part.lower(), spelled):
                parts[k] = next(
                    (t.raw for t in tokens if t.text == spelled and t.raw[:1].isupper()),
                    spelled.capitalize(),
                )
                break
    return " ".join(parts)


def _two_name_words(tokens: list[Token], start: int) -> bool:
    pair = [t.text for t in tokens[start : start + 2]]
    if len(pair) == 2 and pair[0] in _MONTH_NAMES and pair[1] not in _NUMBER_NAMES:
        # "it's june abara", "i am friday nwosu": a month or a weekday that is also a first
        # name, before a surname ("june twelfth" is a date)
        pair = pair[1:] * 2
    if len(pair) == 2 and pair[0] in _FIRST_NAMES_TOO - _FOREIGN_YES_WORDS:
        pair = pair[1:] * 2  # "its ola adeyemi": a hello of another language that is a name
    return (
        len(pair) == 2
        and all(w.isalpha() and w not in NOT_A_NAME_ALL and not w.endswith("ing") for w in pair)
        and not any(t.breaks_before for t in tokens[start + 1 : start + 2])
    )


def _without_spelling(tokens: list[Token]) -> list[Token]:
    """Tokens without a spelling in the middle ("Saoirse, S-A-O-I-R-S-E, McAllister")."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        j = _letters_end(tokens, i)
        if j - i >= 2 and not (i == 0 and j == len(tokens)):
            if out and out[-1].text in _SPELT:
                # "it's spelled K-A-T-H-R-Y-N": no "it's ..." naming anyone
                out.pop()
                if out and out[-1].text in ("its", "thats", "is"):
                    out.pop()
            if j < len(tokens):
                nxt = tokens[j]
                # the words either side of a spelling set off by commas are one name; a
                # spelling that ends the sentence ("Siobhan Reilly. S-I-O-B-H-A-N, R-E-I-L-L-Y.
                # Every place gets it wrong") still ends it
                ends = any(ch in nxt.sep for ch in ".!?")
                # "Ahmed bin Rashid - b-i-n, small b - and ...": a spelling set off by a dash
                # with more said after it in small letters ends the name
                ends = ends or (tokens[i].aside and nxt.breaks_before and nxt.raw[:1].islower())
                out.append(Token(nxt.text, nxt.kind, nxt.index, nxt.sep if ends else "", nxt.raw))
                i = j + 1
            else:
                i = j
            continue
        out.append(tokens[i])
        i += 1
    return out


_SURNAME_FIX = re.compile(
    r"\b(?:sorry|no|i mean|actually|correction|rather)\W+(?:its\s+)?([a-z]+)\b"
)


def _corrected_surname(name: str, tokens: list[Token], text: str) -> str:
    """ "It's Jon Smyth. Sorry, Smythe, with an E": the last name as corrected."""
    parts = name.split(" ")
    if len(parts) < 2:
        return name
    line = " ".join(t.text for t in tokens)
    last = parts[-1].lower()
    idx = line.find(last)
    if idx < 0:
        return name
    m = _SURNAME_FIX.search(line, idx + len(last))
    if m is None:
        return name
    new = m.group(1)
    if new != last and new[:3] == last[:3] and new not in NOT_A_NAME_ALL:
        parts[-1] = _as_written(new, text)
    return " ".join(parts)


def _find_name_once(tokens: list[Token], *, asked: bool, text: str) -> str | None:
    line = " ".join(t.text for t in tokens)
    m = _NAME_EXPLICIT.search(line) or _NAME_INTRO.search(line)
    if m is not None and _SOMEONE_ELSES.search(line[: m.start()]):
        # "I'm Claire Dunn, 207 ... Her name's Ruby": the caller's own name, where it is said
        # too (the one the visit is for is named alone when the account is theirs)
        m = _OWN_INTRO.search(line) or m
    start: int | None = None
    while m is not None:
        start = len(line[: m.start(1)].split())
        while start < len(tokens) - 1 and tokens[start].text in ("um", "uh", "er", "erm", "like"):
            start += 1
        # lower case "it's ..." / "I'm ..." (a recogniser's output, typed chat, or a word
        # written small among capitals: "I'm staff", "I'm hungry") counts when what follows
        # reads as a name: two words that are not everyday words
        if (
            not asked
            and tokens[start].raw[:1].islower()
            and not re.search(
                r"\b(?:my name is|my names|my name|name is|the name is|call me|this is)\s", line
            )
            and not _two_name_words(tokens, start)
        ):
            start = None
            # "im a regular there its dennis kowalczyk": a later "it's" may introduce the name
            later = _NAME_INTRO.search(line, m.start(1))
            if later is not None and later.start(1) > m.start(1):
                m = later
                continue
        break
    here_said = False
    if start is None:
        here = _NAME_HERE.match(line)
        if here is not None and (not _lowercase_input(tokens) or asked):
            start = len(line[: here.start(1)].split())
            here_said = True  # "Tuesday Harrington here": introduced
    confirming = False
    if start is None and asked:
        start = _skip_fillers(tokens)
        # "yes thats rigth", "yep thatll do": a word after "that's" is what the caller says of
        # what was read back (misspelt or not), not a name
        confirming = 0 < start < len(tokens) and tokens[start - 1].text in _CONFIRMING_LEADS
    if start is None or start >= len(tokens):
        return None
    words: list[str] = []
    joins: list[str] = []
    rest = tokens[start:]
    if len(rest) > 1 and (rest[0].text, rest[1].text) in _NOT_A_NAME_PAIRS:
        return None  # "hang on, ...": "Hang" is a name, "hang on" is not
    skip_filler = False
    for k, tok in enumerate(rest):
        if skip_filler:
            skip_filler = False
            continue
        if words and tok.sep == "." and rest[k - 1].text in _ABBREVIATED and tok.raw[:1].isupper():
            # "Anne-Marie St. John": the full stop of an abbreviation inside the name
            joins.append(". ")
            words.append(tok.raw)
            continue
        if words and (tok.breaks_before or tok.aside):
            nxt = rest[k + 1] if k + 1 < len(rest) else None
            if (
                tok.text in _NAME_FILLERS
                and nxt is not None
                and nxt.kind == "word"
                and nxt.raw[:1].isupper()
                and nxt.text not in NOT_A_NAME_ALL
                and (k + 2 >= len(rest) or rest[k + 2].breaks_before)
            ):
                # "it's Brittany, um, Cole": the surname after a filler
                joins.append(" ")
                words.append(nxt.raw)
                skip_filler = True
                continue
            break
        if tok.kind != "word" or tok.text in _NAME_STOP and words or tok.text in ("here",):
            break
        if tok.text in _NAME_STOP:
            break
        if k + 1 < len(rest) and (tok.text, rest[k + 1].text) in _NOT_A_NAME_PAIRS:
            break  # "it's Pat Quigley hang on a sec": the name ends before "hang on"
        joins.append("-" if words and tok.sep == "-" and not tok.aside else " ")
        words.append(tok.raw if not tok.raw.islower() else tok.text)
        if len(words) > _MAX_NAME_WORDS:
            return None
    if not words:
        return None
    low = [fold(w.lower()) for w in words]
    named = asked or m is not None or here_said
    written = len(words) > 1 and words[0][:1].isupper() and words[1][:1].isupper()

    def capital_inside(k: int) -> bool:
        # "Jan Ten Eyck", "Pieter Van Dam": a word written with a capital inside a name
        # introduced, before the rest of it
        return (
            named
            and written
            and words[k][:1].isupper()
            and k + 1 < len(low)
            and words[k + 1][:1].isupper()
            and low[k + 1] not in NOT_A_NAME_ALL
        )

    def both_names_too() -> bool:
        # "my name's June Early and ...": a first name and a surname that are both also
        # words, introduced and each written with a capital, the name ending there
        return (
            m is not None
            and written
            and len(low) == 2
            and low[1] in _NAMES_TOO
            and low[0] != low[1]
        )

    if low[0] in NOT_A_NAME_ALL and not (
        # "Will Donovan", "May Chen": a first name that is also a word, before a surname
        # ("Ji-woo Park, 718 555 0150": written with capitals, unasked)
        (named or written and low[0] in _FIRST_NAMES_TOO)
        and low[0] in _NAMES_TOO | _FIRST_NAMES_TOO
        and len(low) > 1
        and (low[1] not in NOT_A_NAME_ALL or capital_inside(1) or both_names_too())
    ):
        return None
    if low[0].endswith("ing") and words[0].islower():
        return None
    for k, w in enumerate(low[1:], start=1):
        if w in NOT_A_NAME_ALL and not (
            # "Test Person", "Daisy May": a surname that is also a word, ending the name
            named and w in _NAMES_TOO and k == len(low) - 1 or capital_inside(k)
        ):
            words = words[:k]
            break
    if not asked and len(words) == 1 and words[0].islower() and len(words[0]) <= 2:
        return None
    if confirming and len(words) == 1:
        return None
    return "".join(
        (joins[k] if k else "") + _particle_or_written(w, k, text) for k, w in enumerate(words)
    )


def _particle_or_written(word: str, k: int, text: str) -> str:
    """A name's word as written; a particle written small inside it stays small ("Ahmed bin
    Rashid", "Pieter van der Berg")."""
    if k > 0 and word.islower() and word in _PARTICLES:
        return word
    return _as_written(word.lower() if word.isupper() else word, text)


def _as_written(word: str, text: str) -> str:
    """The word as the caller wrote it, apostrophes and hyphens back in ("O'Brien"); a word
    typed all in capitals in the usual case."""
    pattern = r"(?<![\w'])" + r"['\u2019-]?".join(re.escape(ch) for ch in word) + r"(?![\w'])"
    # found in the text with its accents folded (one for one), and taken with them: "Siân"
    m = re.search(pattern, fold(text), re.I) if text else None
    found = text[m.start() : m.end()] if m is not None else word
    if found.isupper() and len(found) > 2:
        found = found.lower()  # "LUIS ORTEGA" typed in capitals: "Luis Ortega"
    if found.islower():
        found = "-".join(part[:1].upper() + part[1:] for part in found.split("-"))
        if "'" in found:
            head, _, tail = found.partition("'")
            found = f"{head}'{tail[:1].upper()}{tail[1:]}" if len(head) <= 2 else found
    return found[:1].upper() + found[1:]


def _lowercase_input(tokens: list[Token]) -> bool:
    return all(not t.raw[:1].isupper() for t in tokens if t.kind == "word")


_LEADING_FILLERS: Final = word_set(
    """dear mm hm mhm mmhm huh love yep yup ya correct sorry thats fine great perfect alright
    and full first last yes yeah sure ok okay right um uh er erm well so oh ah its it is im
    i am my name names this the hi hello hey myself"""
)


_CONFIRMING_LEADS: Final = word_set("thats thatll thatd")


def _skip_fillers(tokens: list[Token]) -> int:
    k = 0
    while k < len(tokens) and tokens[k].text in _LEADING_FILLERS:
        k += 1
    return k


def spelled_word(tokens: list[Token]) -> str | None:
    """Letters said one by one ("s a r a h", "S-A-R-A-H", "capital s a r ...", "double l",
    "s as in sam"); "space" between two spelled words keeps them apart ("d a n space m o o r e"
    -> "dan moore")."""
    letters: list[str] = []
    skip = 0
    for k, tok in enumerate(tokens):
        t = tok.text
        if skip:
            skip -= 1
            continue
        if letters and letters[-1] not in (" ", "*") and k + 1 < len(tokens):
            # "s as in sam", "b for boy": the letter, not the word that says which it is
            nxt = tokens[k + 1].text
            if t == "as" and nxt in ("in", "for") and k + 2 < len(tokens):
                skip = 2
                continue
            if t == "for" and nxt.isalpha() and len(nxt) > 1 and nxt not in _LETTER_NAMES:
                skip = 1
                continue
        if (
            not letters
            and t == "i"
            and k + 1 < len(tokens)
            and tokens[k + 1].text == "see"
            and (k + 2 == len(tokens) or tokens[k + 2].breaks_before)
        ):
            skip = 1  # "I see. Yes, please book it": understood, not the letters I and C
            continue
        if t == "space":
            if letters and letters[-1] != " ":
                letters.append(" ")
            continue
        if t in ("capital", "small", "letter", "then", "and", "dash", "hyphen"):
            continue
        if t in ("double",):
            letters.append("*")
            continue
        if len(t) == 1 and t in _SPELL_LETTERS:
            if letters and letters[-1] == "*":
                letters[-1] = t
                letters.append(t)
            else:
                letters.append(t)
            continue
        if t in _LETTER_NAMES:
            letters.append(_LETTER_NAMES[t])
            continue
        if letters:
            break
    letters = [x for x in letters if x != "*"]
    if sum(x != " " for x in letters) < 2:
        return None
    return "".join(letters).strip()


_LETTER_NAMES: Final = {
    "ay": "a", "bee": "b", "see": "c", "sea": "c", "dee": "d", "ee": "e", "eff": "f",
    "gee": "g", "aitch": "h", "eye": "i", "jay": "j", "kay": "k", "el": "l", "ell": "l",
    "em": "m", "en": "n", "owe": "o", "pee": "p", "cue": "q", "queue": "q", "are": "r",
    "ar": "r", "es": "s", "ess": "s", "tee": "t", "tea": "t", "you": "u", "vee": "v",
    "ex": "x", "why": "y", "zed": "z", "zee": "z",
}  # fmt: skip


_CANT_MAKE_HELD: Final = re.compile(
    r"\b(?:cant|cannot|can not|wont|not able to|unable to) (?:make|do|attend|come to) "
    r"(?:my|the|this|that|(?:tomorrow|today|monday|tuesday|wednesday|thursday|friday)(?: ?s)?)"
    r"(?: \w+)? (?:appointment|appt|booking|one)\b"
)
"""The caller's own appointment, said as one they cannot make (with another asked for)."""
_SOONEST: Final = re.compile(
    r"\bwhatevers? (?:is )?(?:first|next|soonest)\b|\bwhenevers? (?:is )?(?:next|first|soonest)\b"
    r"|\b(?:the )?(?:earliest|soonest|next available|first available)\b"
)
"""Another opening asked for without a booking verb: "give me whatever's first"."""
_NO_LIST: Final = re.compile(
    r"\b(?:dont|do not|no) (?:need|want)? ?(?:the|a|your|all the) (?:whole |full |entire )?list\b"
    r"|\b(?:the|your) (?:whole|full|entire) list\b"
)

_SURPRISED_COUNT: Final = re.compile(
    r"\b(?:have i|ive|i ve|i have|have i really|did i) (?:got |booked |made |make )?"
    r"(?:two|three|2|3|both)(?: of them| then| appointments| bookings)?\b"
    r"(?!.*\b(?:is|are|was) the\b)"
    r"(?= .*\b(?:the|its the|it s the)"
    r" (?:[a-z0-9]+ ){1,2}(?:one|appointment|booking)\b)"
)
"""Surprise at how many they hold, said while picking one ("oh, have I got two? the
Wednesday one then"): no list asked for; the one picked is meant."""


_OTHER_CODE: Final = re.compile(r"\b(?:area|zip|postal|post|country|dial(?:ling)?|dress) code\b")
"""Codes that are not the booking's: "do you need the area code?"."""


_NEGATED_BEFORE: Final = re.compile(
    r"\b(?:not|dont|do not|no need to|rather than|instead of|never mind|no point)\W+(?:\w+\W+)?$"
)
"""A task word just after "not"/"don't"/"rather than" ("cancel it, not move it") is no wish."""


_TASK_DENIED: Final = re.compile(
    r"\b(?:not|dont|do not|didnt|did not|no need to|never|wont|will not|shant)\W+"
    r"(?:(?:want|wanna|need|looking|trying|going|gonna|planning|asking|calling|ringing"
    r"|phoning|here|to|a|an|the|my|it|any|anything|new|another|yet|mean|meaning|wish"
    r"|wanting|needing|ask|you|for|about)\W+){0,4}$"
)
"""A task word after "I don't want to", "I'm not looking to", "no need to", "don't" ("I don't
want to cancel it, just move it", "I'm not looking to book a new one", "don't cancel my
Monday one"): what the caller says they do not want is no wish."""


def _first_wished(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of a task's words the caller does not deny wanting."""
    for m in pattern.finditer(text):
        before = text[: m.start()]
        if not _TASK_DENIED.search(before) or _NOT_NEEDED_SO.search(before):
            return m
    return None


_NOT_NEEDED_SO: Final = re.compile(r"\b(?:dont|do not|wont|will not) (?:need|want)(?: it| that)? $")
"""What is not needed, then the task for it with no "to" between ("the Tuesday one I don't
need, cancel that"): the appointment is not needed, the cancel is wished."""


_MOVE_TAKEN_BACK: Final = re.compile(
    r"^(?!.*\bif (?:not|you cant|there s nothing|theres nothing|nothing)\b)"
    r".*(?:\bno\b(?! (?:worries|problem|rush|hurry|bother|matter))|\bactually\b"
    r"|\bscratch that\b|\bon second thought|\bforget (?:it|that|moving)\b)"
)
"""Between a move and a later cancel: the move taken back ("move it or... no, just cancel"),
not a cancel kept as a fallback ("move it, if not, no worries, cancel")."""


_OWN_TIMES: Final = re.compile(
    r"\b(?:forgot|forgotten|forget|dont remember|cant remember)"
    r" (?:what|which|the) (?:time|times|day|days|date|dates)\b"
    r"(?! (?:you|youre|the clinic|its open))"
    r"|\bwhat (?:time|times|day|days) (?:is|are|was|were) (?:mine|my \w+|they|them|ours|our \w+)\b"
    r"|\bwhat (?:time|day|date)s (?:mine|ours)\b"  # "what time's mine on Friday?"
    r"|\bwhat (?:time|times) (?:i|we|ive|weve) (?:have|got|booked|am booked|are booked)\b"
    # "can you remind me what times my two appointments next week are", "what day my booking
    # with Dr Lee is"
    r"|\bwhat (?:time|times|day|days|date|dates) (?:my|our) (?:[a-z0-9]+ ){0,2}?"
    r"(?:appointments?|appts?|bookings?|ones|visits?)(?: [a-z0-9]+){0,4}? (?:is|are|was|were)\b"
)
"""The times of the caller's own appointments asked for ("I've forgotten what times", "what
times are they?"): what they hold, not what is free."""


_MOVING_HOUSE: Final = re.compile(
    r"\b(?:move|moved|moving|moves) (?:house|home|flat|apartment|countries|abroad)\b"
    # "so we're moving just after New Year", "I'm moving away in March": the caller going
    r"|\b(?:were|we are|we re|im|i am|i m|theyre|they are|were all) (?:now |actually |also )?"
    r"moving (?:away|out|abroad|just|right|after|at the end|next (?:month|year)|over|up|down"
    r"|back (?:home|to)|in (?:january|february|march|april|may|june|july|august|september"
    r"|october|november|december|the new year))\b"
)
"""A story's move ("helping my brother move house", "we're moving just after New Year"), not
an appointment moved."""
_HAS_TO_GO: Final = re.compile(
    # ("Monday's and Wednesday's will have to go": the days' own appointments)
    r"\b(?:appointment|appt|booking|one"
    # "I've two appointments, and one of them has to go"
    r"|one of (?:them|those|the two|mine|my appointments|my bookings)"
    r"|(?:(?:mon|tues|wednes|thurs|fri)day|tomorrow|today)(?: ?s| is)?)s?"
    r" (?:will |ll |would |d |has |have |s |is going )?"
    r"(?:have |has |got |just have |need |needs )to go\b"
    r"(?! (?:to|back|forward|later|earlier|on|in|into|over|for|till|until|after|before|ahead"
    r"|(?:an?|one|two|three|a couple of|a few) (?:day|week|hour|month|fortnight)s?)\b)"
    # "any of mine that are in the afternoon will have to go", "all of them on Mondays need to go"
    r"|\b(?:any|all|both) of (?:mine|them|my appointments|my bookings)\b(?: [a-z0-9]+){0,7}?"
    r" (?:will |ll |would |d )?(?:have|need) to go\b"
    r"(?! (?:to|back|forward|later|earlier|on|in|into|over|for|till|until|after|before|ahead"
    r"|(?:an?|one|two|three|a couple of|a few) (?:day|week|hour|month|fortnight)s?)\b)"
)
"""An appointment that "will have to go" is given up: cancelled."""
_GIVE_IT_AWAY: Final = re.compile(
    r"\b(?:give|let|offer|pass) (?:it|that|mine|my (?:slot|appointment|appt|place|spot|one|time)"
    r"|the (?:slot|place|spot|appointment))(?: go)? (?:to|on to) (?:somebody|someone|some one"
    r"|anybody|anyone|another (?:patient|person)) else\b"
    r"|\b(?:somebody|someone|anybody|anyone) else (?:can|could) (?:have|take) (?:it|my (?:slot"
    r"|appointment|place|spot|one|time))\b"
)
"""An appointment handed on to another patient ("you can give it to somebody else"): given up."""
_HAVE_IT_MOVED: Final = re.compile(
    r"\b(?:need|needs|want|wants|get|have|like|had) (?:it|that|this|that one|this one|mine)"
    r" (?:moved|changed|shifted|rescheduled)\b"
    # "both of mine need to go a day later", "the Friday one will have to go a week earlier"
    r"|\b(?:have|has|need|needs) to go (?:an?|one|two|three|a couple of|a few)"
    r" (?:day|week|hour|fortnight)s? (?:later|earlier|back|forward|on)\b"
)
_WHAT_I_HAVE: Final = re.compile(
    r"\b(?:tell|say|read|let) me (?:know )?what (?:i ?ve|i have|i)(?: got)?\b"
    r"|\bwhat (?:i ?ve|i have) got (?:booked|on|in|with you|coming up)\b"
    # "can you just check mine's still on?", "is mine still on for Friday"
    r"|\b(?:check|see|confirm|make sure) (?:that )?(?:mine|mines"
    r"|my (?:appointment|appt|booking|one))(?: s| is)? still"
    r" (?:on|booked|there|happening|going ahead)\b"
)
"""The caller's own appointments asked for ("can you tell me what I've got?")."""
_NEEDS_A_VISIT: Final = re.compile(
    r"\b(?:need|needs|want|after) (?:a|an|my) (?:[a-z]+ ){0,2}(?:review|physical|check|checkup"
    r"|jab|test|smear|scan|follow up|consultation|visit)\b"
)
"""A visit needed, said by what it is for ("need a repeat prescription review"): a booking."""
_LOST_THE_NOTE: Final = re.compile(
    r"\b(?:lost|misplaced|mislaid|deleted|thrown (?:out|away)|threw (?:out|away)|binned"
    r"|cant find|can not find|cannot find|washed off)"
    r" (?:my |the |that |your |our )?(?:little )?(?:appointment )?(?:card|letter|text|reminder"
    r"|paper|note|slip|email)(?:s)?(?: (?:with|for) (?:my |the )?(?:appointment|appt|booking)s?)?\b"
)
"""The card, letter or text with the appointment on it lost ("I've misplaced the card with the
appointment. What day is it again?"): what the caller holds asked for."""
_WHICH_DAY_IS_MINE: Final = re.compile(
    # "am I in this Friday or next Friday?", "am I down for tomorrow?", "am I coming on the 9th"
    r"\b(?:am i|are we) (?:still )?(?:in|down|booked|coming|seeing you)(?: in)?"
    rf" (?:on |for )?(?:this |next |the )?(?:{WEEKDAY_WORD}|tomorrow|today|\d)"
    # "I wrote Wednesday on the calendar but I think it might be Thursday. Which is it?"
    rf"|\b(?:{WEEKDAY_WORD}|\d+(?: ?(?:st|nd|rd|th))?)\b.{{0,80}}"
    r"\b(?:which (?:one |day )?is it|which (?:one |day )?was it|which one is right)\b"
)
"""Which of two days the caller's own appointment is on, asked ("am I in this Friday or next
Friday?", "I wrote Wednesday but it might be Thursday - which is it?"): what they hold."""
_SAID_WITHOUT_A_TASK_WORD: Final[tuple[tuple[re.Pattern[str], Task], ...]] = (
    (_HAS_TO_GO, "cancel"),
    (_HAVE_IT_MOVED, "reschedule"),
    (_WHAT_I_HAVE, "list"),
    (_WHICH_DAY_IS_MINE, "list"),
    (_LOST_THE_NOTE, "list"),
    (_NEEDS_A_VISIT, "book"),
)


def detect_tasks(text: str) -> list[Task]:
    """Tasks named, most specific first (at most one of each)."""
    found: list[tuple[int, Task]] = []
    text = _FILLER.sub("", text)  # "i need to change um my tuesday": change my tuesday
    text = _OWN_CHECK.sub(" ", text)  # "let me check my calendar" asks nothing of the agent
    text = _CODE_NAME.sub(" reference ", text)  # "my booking reference": no booking asked for
    # "I just want to know for now, I'll book later"; "before I book anything" stays the
    # caller only asking for now (_ONLY_ASKING), with no booking verb left in it
    text = _BOOK_LATER.sub(
        lambda m: " before i decide " if m[0].startswith("before") else " ", text
    )
    text = _NO_WAY_IN.sub(" ", text)  # "the bus doesn't get me in before then": a reason
    text = _CALL_BACK.sub(" ", text)  # "I'll call back another time": no other time asked for
    text = _NO_LIST.sub(" ", text)  # "I don't need the whole list": no list of theirs asked for
    text = _SURPRISED_COUNT.sub(" ", text)  # "have I got two? the Friday one then": no list
    text = _OTHERS_CANCELLED.sub(" any openings ", text)  # "any cancellations?": what is free
    text = _CANCEL_NOT_ASKED.sub(" ", text)  # "what do I call if I need to cancel?": none asked
    # "I cancelled my Friday one online, can you check it went through?": asked about
    asks_if_done = bool(_ASKS_IF_CANCELLED.search(text) or _ASKS_IF_MOVED.search(text))
    if _ASKS_IF_IT_GOT_CANCELLED.search(text):
        asks_if_done = True
        text = _ASKS_IF_IT_GOT_CANCELLED.sub(" ", text)
    text = _NOT_ASKED_CHANGE.sub(" ", text)  # "I've already cancelled the dentist": told of
    text = _OWN_PLANS_INSTEAD.sub(" ", text)  # "so I'm going up to him instead": a story
    text = _CHANGE_LATER.sub(" ", text)  # "let's say Tuesday, I can always change it, right?"
    text = _OTHER_CODE.sub(" ", text)  # "do you need the area code?": no confirmation code
    text = _MOVING_HOUSE.sub(" relocating ", text)  # "helping my brother move house": a story
    text = _GIVE_IT_AWAY.sub(" cancel it ", text)  # "give my slot to someone else": given up
    text = _BOOKED_BEFORE.sub(" ", text)  # "try my wife's number, she made the booking"
    if MISSED_BEFORE.search(text):
        # "I had one last week that I missed" is a story; "can I come Friday instead?" after it
        # is in place of the one missed, not of one held
        text = re.sub(r"\binstead\b", " ", MISSED_BEFORE.sub(" ", text))
    patterns: tuple[tuple[re.Pattern[str], Task], ...] = (
        (CODE_QUESTION, "code"),
        (CANCEL, "cancel"),
        (RESCHEDULE, "reschedule"),
        (AVAILABILITY, "availability"),
        (LIST, "list"),
        (BOOK, "book"),
    )
    for pattern, task in patterns:
        m = _first_wished(pattern, text)
        if m is not None:
            found.append((m.start(), task))
    tasks = [t for _, t in found]
    if not tasks and asks_if_done:
        return ["list"]
    if ("availability" in tasks or not tasks) and _OWN_TIMES.search(text):
        # "I've forgotten what times they are": the times of their own, not the free ones
        tasks = list(dict.fromkeys("list" if t == "availability" else t for t in tasks or ["list"]))
    if "code" in tasks and ("cancel" in tasks or "reschedule" in tasks) and _NO_CODE.search(text):
        # "I need to cancel but I don't have the code": the cancellation (found by number)
        tasks.remove("code")
    if not tasks:
        # said without a task word: "the Tuesday appointment will have to go, I'm afraid", "I'm
        # booked on the 15th, I need it moved", "can you tell me what I've got?", "need a
        # repeat prescription review, Thursday if poss" - the first that fits
        tasks = next(([task] for rx, task in _SAID_WITHOUT_A_TASK_WORD if rx.search(text)), [])
    if "code" in tasks:
        return ["code"]
    if "cancel" in tasks and "reschedule" in tasks:
        at = {task: start for start, task in found}
        corrected = CORRECTION.search(text)
        # "cancel Friday and book Monday instead" / "move it, don't cancel": one change; and
        # "actually wait, (rather than) cancel it, can I move it to Friday": after a correction
        # the move asked last is the wish, however the words before it were heard
        if at["reschedule"] < at["cancel"] and _MOVE_TAKEN_BACK.search(
            text[at["reschedule"] : at["cancel"]]
        ):
            # "should I move it or... no. No, just cancel it": the move weighed, then dropped
            tasks.remove("reschedule")
        elif (
            (
                corrected is not None
                and at["cancel"] < at["reschedule"]
                and corrected.start() < at["reschedule"]
                and not _NEGATED_BEFORE.search(text[: at["reschedule"]])
            )
            or re.search(
                r"\bdont cancel\b|\binstead of cancel|\brather than cancel|\bnot cancel", text
            )
            or "book" in tasks
            or re.search(r"\binstead\b|\bto (?:a )?(?:different|another)\b", text)
            or any(m.group("what_if") for m in RESCHEDULE.finditer(text))
            # "move my Monday one and cancel the old one": the move does that
            or re.search(
                r"\b(?:the )?(?:old|original|previous) (?:one|appointment|booking)\b", text
            )
        ):
            tasks.remove("cancel")
        else:
            tasks.remove("reschedule")
    if (
        "cancel" in tasks
        and "book" in tasks
        and re.search(r"\binstead\b|\band (?:re)?book\b|\band (?:make|book) (?:a )?new\b", text)
    ):
        return ["reschedule"]
    if "reschedule" in tasks and "book" in tasks:
        tasks.remove("book")
    if (
        "availability" in tasks
        and "book" in tasks
        and _ONLY_ASKING.search(text)
        and not BOOK_VERB.search(_ONLY_ASKING.sub(" ", text))
    ):
        # "just a quick question before I commit - what's the earliest you could see someone?"
        tasks.remove("book")
    if (
        tasks == ["book"]
        and _ONLY_ASKING.search(text)
        and not BOOK_VERB.search(_ONLY_ASKING.sub(" ", text))
    ):
        # "any chance of something early next week? Just asking for now": what is free asked,
        # nothing to book yet
        tasks = ["availability"]
    if (
        "availability" in tasks
        and "book" in tasks
        and _BEEN_TRYING.search(text)
        and _first_wished(BOOK, _BEEN_TRYING.sub(" ", text)) is None
    ):
        # "any cancellations for today? I've been trying to get in": the trying is the story,
        # what is free the question
        tasks.remove("book")
    if "availability" in tasks and "book" in tasks:
        tasks.remove("availability")  # "book ... what do you have": a booking
    if "list" in tasks and "book" in tasks and not BOOK_VERB.search(text):
        tasks.remove("book")  # "do I have an appointment?" asks, it does not book
    if "list" in tasks and len(tasks) > 1:
        tasks.remove("list")
    if tasks[:1] == ["cancel"] and _ASKS_IF_CANCELLED.search(text):
        return ["list"]
    if tasks[:1] == ["reschedule"] and _ASKS_IF_MOVED.search(text):
        return ["list"]
    if tasks[:1] in ([], ["book"]) and _BACK_TO_BEFORE.search(text):
        return ["reschedule"]  # "I'd like the slot I had before back": the one held, moved
    if tasks[:1] in ([], ["book"], ["list"], ["availability"]) and _ASKS_ABOUT_BOOKING.search(text):
        return ["list"]  # "did I book for the 10th?", "is my booking confirmed?"
    if (
        CANT_MAKE.search(text)
        and (tasks[:1] == ["book"] or (not tasks and _SOONEST.search(text)))
        and _CANT_MAKE_HELD.search(text)
    ):
        # "I can't make tomorrow's appointment, put me in whenever's next": a move
        return ["reschedule"]
    if (
        tasks[:1] == ["availability"]
        and CANT_MAKE.search(text)
        and (MY_APPOINTMENT.search(text) or re.search(r"\bmy appointments\b", text))
    ):
        # "my appointment on the 10th is at nine and I can't do mornings anymore, anything that
        # afternoon?": other times asked for in place of the one held, a move of it
        return ["reschedule"]
    if CANT_MAKE.search(text) and tasks[:1] in ([], ["book"], ["list"]):
        return []  # "I can't make my appointment": move it or cancel it? (asked next)
    if (
        TAKEN_ILL_WITH_ONE_HELD.search(text)
        and tasks[:1] in ([], ["book"], ["list"])
        and not BOOK_VERB.search(text)
        and not _OTHER_SLOT.search(text)
        and not _OTHER_WISHED.search(text)
    ):
        return []  # "my appointment tomorrow - I've come down with something": move or cancel?
    if tasks[:1] in ([], ["book"]) and _HELD_NAMED.search(text) and _IN_SOONER.search(text):
        # "I'm on the 14th at 3 but could y'all get me in sooner?", "I've got Friday at ten,
        # can you fit me in any earlier?": the one held, brought forward
        return ["reschedule"]
    if (
        tasks[:1] in ([], ["book"])
        and _HELD_NAMED.search(text)
        # ("I've got three o'clock today, can I come earlier?": a booking's words, the one
        # held named, another time wished; said with no task word, the held one is read on)
        and (_OTHER_WISHED.search(text) or (tasks and _OTHER_SLOT.search(text)))
        and not BOOK_VERB.search(text)
        and not _ONE_MORE.search(text)
    ):
        # "I've got tomorrow at nine and I'd rather come Thursday", "tomorrow at ten - any
        # chance of making it after lunch instead?": the one held named, another time wished
        return ["reschedule"]
    if (
        tasks[:1] == ["availability"]
        and _HELD_NAMED.search(text)
        and (
            _OTHER_SLOT.search(text)
            or _OTHER_WISHED.search(text)
            or _HELD_TIME_NO_GOOD.search(text)
        )
        and not BOOK_VERB.search(text)
        and not _ONE_MORE.search(text)
    ):
        # "I got one on the 18th but has anything come free sooner?", "I'm in Wednesday at
        # three and it's a bit late for me - has anyone cancelled a morning?": what is free
        # asked for in place of the one held, a move of it
        return ["reschedule"]
    if (
        tasks[:1] in ([], ["book"], ["availability"], ["list"])
        and MY_APPOINTMENT.search(text)
        and (_OTHER_SLOT.search(text) or _OTHER_WISHED.search(text))
        and not BOOK_VERB.search(text)
        and not _ONE_MORE.search(text)
    ):
        # "I've got an appointment Tuesday, could we do Thursday instead?" / "... could I come
        # in sooner?": the appointment they have, moved
        return ["reschedule"]
    if not tasks and MY_APPOINTMENT.search(text) and not _ABOUT_THE_VISIT.search(text):
        # ("how early should I get there before my appointment?": a question about a visit,
        # not about the appointments held)
        tasks = ["list"]
    return tasks[:1]


_ABOUT_THE_VISIT: Final = re.compile(
    r"\b(?:how early|arrive|get there|bring|wear|fast|eat|drink|prepare|park|parking)\b"
    r".{0,40}\b(?:before|to|for|at) (?:my|the) (?:first )?(?:appointment|appt|visit)\b"
)


_FILLER: Final = re.compile(r"(?<=[a-z0-9]) (?:um+|uhm+|erm+|er|uh+)(?= (?!huh\b)[a-z0-9])")
"""A thinking noise inside a sentence ("change um my tuesday to um wednesday"): not between the
words of what is asked (the readers of names and numbers keep it: "lee um lee park" restarts
the name, "oh um um 212" is no zero)."""


_ONLY_ASKING: Final = re.compile(
    r"\b(?:just )?a (?:quick )?question\b|\bbefore (?:i|we) (?:commit|book|decide)\b"
    r"|\bjust (?:asking|wondering|checking|enquiring|inquiring|curious)\b|\bout of curiosity\b"
)
"""The caller only asking, for now ("just a quick question before I commit to anything")."""
_BOOK_LATER: Final = re.compile(
    r"\b(?:ill|i ll|i will|well|we ll|we will|to|and) (?:book|schedule)(?: it| one| something"
    r"| that| an appointment)? (?:later|another time|some other time|next time|afterwards)\b"
    r"|\b(?:call|ring|phone) (?:you )?back (?:later )?to book(?: it| one| something)?\b"
    # "just checking what you've got, not booking yet"
    r"|\bnot (?:booking|to book|making a booking)(?: anything| it| one)?"
    r"(?: yet| just yet| right now| now| today)\b"
    # "don't book anything yet, I just want to know what you've got"
    r"|\b(?:dont|do not) (?:book|schedule|put me down for)(?: anything| it| me in| one)?"
    r"(?: in)?(?: yet| just yet| for now| right now)\b"
    # "I ain't ready to book yet", "I'm not ready to book just yet"
    r"|\b(?:not|aint|isnt|arent) (?:quite )?ready to (?:book|schedule|commit)"
    r"(?: anything| it| one)?"
    r"(?: yet| just yet| right now| now| today)?\b"
    # "I'd like to ask before I actually book anything", "what's free? before I book, mind"
    r"|\bbefore (?:i|we) (?:actually |go (?:and |ahead and )?|can |even )?(?:book|schedule"
    r"|commit)(?: anything| it| one| something| in| an appointment)?\b"
    # a learner's "I ask only, I not book now", "me no book today"
    r"|\b(?:i|me) (?:not|no) (?:book|schedule)(?: anything| it| one)?"
    r"(?: yet| now| today| this time)\b"
    # "I'm hoping to book, but I need to square it with my husband first", "I want to book but
    # I'll have to check with work first": the booking waits on someone else's word
    r"|\b(?:hoping|hope|want|wanting|like|going|looking) to book(?: in| something| one"
    r"| an appointment)?,? but (?:i|we|ill|well|ive|weve)(?: ll| will| ve| d)?"
    r" (?:need|have|must|got|have got) to (?:check|square|sort|run|clear|talk|speak|ask)\b"
    r"[a-z ]{0,40}?\bfirst\b"
)
"""A booking put off ("I'll book later", "I'll call back to book", "before I actually book"):
not asked for now."""
_NO_WAY_IN: Final = re.compile(
    r"(?<!\byou )(?<!\bu )(?<!\bya )\b(?:doesnt|does not|dont|do not|wont|will not|wouldnt"
    r"|would not|cant|cannot|can not|couldnt|could not|never) gets? (?:me|us|him|her|them) in\b"
)
"""How the caller travels, as a reason ("the bus doesn't get me in before ten", "the train
won't get us in till eleven"): no booking asked for ("can't you get me in sooner?" still is)."""
_BEEN_TRYING: Final = re.compile(
    r"\b(?:(?:ive|i have|i ve|weve|we have|we ve) )?been (?:trying|tryin|ringing|calling"
    r"|phoning) (?:for ages |for weeks |for days |all week |all morning )?to (?:get (?:me |us )?in"
    r"|get (?:an? |an )?(?:appointment|appt|slot)|book(?: in)?(?: an? (?:appointment|appt))?)\b"
)
"""A booking tried before ("I've been trying to get in for weeks"): the story of the call, not
what it asks when a question about what is free is asked beside it."""
_OTHERS_CANCELLED: Final = re.compile(
    # "have you had any cancellations for Thursday?", "any chance you've got a cancellation for
    # tomorrow", "if you'd had any cancellations", "I don't suppose you've had a cancellation"
    r"\b(?:have|had|did|do) you (?:had|got|get|have)(?: any| a| an)(?: late| last minute)?"
    r" cancell?ations?\b"
    r"|\b(?:you|youve|you ve|youd|you d)(?: (?:might|may|would|could))?(?: have)?"
    r"(?: had| got| have)(?: had)? (?:any|a|an)(?: late| last minute)? cancell?ations?\b"
    # "has anyone cancelled on Tuesday?", "has anybody dropped out Friday?", "if anyone's
    # cancelled Monday"
    r"|\b(?:(?:has|have|did) (?:anyone|anybody|someone|somebody|any one)"
    r"|anyones|anybodys|someones|somebodys)(?: else)? (?:cancell?ed|dropped out|pulled out)\b"
    # "has anything come free sooner?", "has anything come up for Friday?"
    r"|\b(?:has|have|did) anything (?:come|came|become|became|freed) ?(?:up|free|available)?\b"
    # "any cancellations for Monday?" (not "if there are any cancellations, ring me")
    r"|(?<!there are )(?<!there is )(?<!theres )\bany cancell?ations?"
    r"(?= (?:for|on|this|next|today|tomorrow|at all|the|in|monday|tuesday|wednesday|thursday"
    r"|friday)\b)"
)
"""Someone else's cancellation asked after ("have you had any cancellations for Thursday?",
"has anyone cancelled a morning that day?", "has anything come free sooner?"): what is free
asked for, never a cancel of the caller's own."""
_CANCEL_NOT_ASKED: Final = re.compile(
    r"\b(?:if|in case|when|whenever|should) (?:i|we|you) (?:ever |do |did )?(?:need|have|want"
    r"|got|had|needed|wanted) to cancel\b|\bin case (?:i|we) (?:ever )?cancel\b"
    # "book me Thursday and Friday and I'll cancel whichever I can't make"
    # "move it into the Friday slot I just cancelled": a slot named by what was done to it
    # "you lot cancelled my appointment last week, so I need a new one": done by the clinic
    r"|\b(?:you|you lot|you guys|you people|they|the clinic|the office|someone|somebody)"
    r" (?:had |have |just |went and )?cancell?ed (?:my|our|the|it|on me|on us)\b"
    r"|\b(?:slot|time|one|appointment|spot|space|day)(?: that| which)? (?:i|we|you|ive|weve|youve)"
    r"(?: ve| have)? (?:just |only just )?cancell?ed\b"
    r"|\b(?:ill|i ll|i will|we ll|well|we will|i can|i could) (?:just |always )?cancel"
    r" (?:it |that |them |one )?(?:(?:whichever|whatever|the other|either)(?: one)?"
    r"(?: (?:i|we) (?:cant|cannot|can not|dont|do not|wont|will not)(?: \w+)?)?"
    r"|later|afterwards|another time|myself)\b"
    # ("... and I'll cancel it later if I can't come": nothing to move either)
    r"(?: (?:if|when) (?:i|we) (?:cant|cannot|can not|dont|wont|need to)(?: (?:make it|come"
    r"|make|go|need it|be there))?)?"
    # someone else's cancellation hoped for: "put me down in case someone cancels", "ring me
    # if anyone cancels", "is there a cancellation list?", "if you get a cancellation"
    r"|\b(?:someone|somebody|anyone|anybody|any one|a patient|another patient|one of them)"
    r" (?:else )?(?:cancels|drops out|pulls out)\b"
    r"|\b(?:if|in case|when|whenever) (?:they|people|others|other people|other patients)"
    r" (?:cancel|drop out|pull out)\b"
    r"|\bcancellations? (?:list|lists|come up|comes up|came up|turn up|turns up)\b"
    r"|\b(?:if|in case|when|whenever) (?:theres|there is|there are|you (?:get|have|hear of))"
    r" (?:a |any )?cancellations?\b|\bin case of (?:a |any )?cancellations?\b"
    r"|\bany cancellations\b"
)
"""A cancellation talked about, not asked for: in a question about how to cancel one day,
or put off until later."""
_OTHERS: Final = (
    r"(?:he|she|they|hell|shell|theyll|hes|shes|theyve|theyre|work|(?:\w+ )?(?:husband|wife"
    r"|partner|boss|sister|brother|son|daughter|mum|mom|mother|dad|father|friend|carer|school"
    r"|hospital|dentist|office|manager|company|kids|nan|gran|grandma|grandad|neighbour"
    r"|neighbor|employer|college|uni|team|coach|landlord)s?)"
)
_CHANGE_VERB: Final = r"(?:cancel|mov|chang|reschedul|postpon|shift|swap|rearrang)\w*"
_NOT_ASKED_CHANGE: Final = re.compile(
    # a change already made, and told of: "I've already cancelled the dentist, so Tuesday's
    # free", "my husband's cancelled his work trip", "the school's moved the nativity", "work
    # have changed my shifts", "I moved my appointment last week when I rang"
    # (not "have I already cancelled the one on Friday?", a question, nor "if I cancelled my
    # Friday one, could I have Monday?", a move)
    r"(?<!\bhave )(?<!\bhas )(?<!\bhad )(?<!\bdid )(?<!\bif )(?<!\bwhen )(?<!\bonce )"
    r"\b(?:i|ive|i ve|we|weve|we ve|" + _OTHERS + r")"
    r"(?: (?:already|just|recently|also|finally|now|since|have|has|had|ve|s|went and"
    r"|gone and)){0,3}"
    r" (?:cancell?ed|moved|changed|rescheduled|postponed|shifted|swapped|rearranged)\b"
    # someone else's change, maybe to come: "my husband might be cancelling his", "he'll
    # probably be ringing to cancel his Thursday one" (not "my mum would like to cancel hers",
    # nor "he needs to move his": a change asked for them)
    r"|\b" + _OTHERS + r"(?: (?!(?:i|me|you|can|could|please|needs?|wants?|would|wanted|has|have"
    r"|had|asked|asks|told|says|said)\b)\w+){0,4} "
    + _CHANGE_VERB
    + r"(?= (?:his|hers|theirs|their|hers|hes)\b)"
    # the caller's own change that may come, not now: "I might end up cancelling my Monday
    # one", "I may need to move it", "I'll probably have to cancel" (said on before a "no,
    # actually, cancel it now", whose own words ask)
    # a booking that may come, the caller not sure yet: "I might want to book something next
    # week but I'm not sure yet, so what's free on Monday?"
    r"|\b(?:i|we) (?:might|may) (?:want|need|like) to book\b"
    r"(?=.*\b(?:not sure|dont know|undecided|havent decided|not decided|not certain)\b)"
    # (only with a "not yet" beside it: "I might need to cancel my appointment on Monday" alone
    # is a request said gently)
    r"|(?:\b(?:i|we) (?:might|may)(?: (?:well|end up|have to|need to|want to|be|possibly"
    r"|also|still|yet))* "
    + _CHANGE_VERB
    + r"|\b(?:ill|i ll|i will|well|we will) (?:probably|maybe|possibly|likely) (?:have to|need to"
    r"|want to|be|end up)(?: \w+ing)? "
    + _CHANGE_VERB
    + r")(?=.*\b(?:let you know|ring (?:you )?back|call (?:you )?back|not sure|dont know"
    r"|wont know|not yet|dont touch|later|see how|wait and see|find out|tomorrow|when i know"
    r"|ill see|well see|for now)\b)"
    # the change word denied: "I'm not cancelling anything", "we're not moving it"
     + r"|\b(?:im|i am|were|we are) not (?:cancell?ing|moving|changing|rescheduling|shifting)"
    r"(?: (?:anything|it|that|them|mine|a thing))?\b"
    # "cancel that", "scratch that", "delete that" after a no or an actually: the caller's own
    # words taken back ("Wednesday at two - actually, cancel that - Wednesday at ten"), not
    # "no, cancel that one" nor "actually cancel that for me"
    r"|\b(?:no|actually|sorry|oh|wait|hang on|hold on|um|er)"
    r" (?:cancel|scratch|delete|forget|strike|scrap) that\b"
    r"(?! (?:one|appointment|booking|visit|too|as well|also|for me|please|then|altogether)\b)"
    # how changes work, asked: "does the first one get cancelled?", "can I move appointments
    # by text?", "do you charge if someone cancels"
    r"|\b(?:does|do|will|would) (?:the|my|that|it|they|this)(?: \w+){0,2} get"
    r" (?:cancell?ed|moved|changed)\b"
    r"|\b(?:can|could|do) (?:i|you|we|people|patients) "
    + _CHANGE_VERB
    + r" (?:appointments|an appointment|bookings|a booking|them)"
    r"(?= (?:by|online|myself|yourself|through|on|via|over|with)\b)"
)
"""Change words that ask for no change: a change told of (done already, or someone else's),
one that may come, one denied, "cancel that" taking back one's own words, and how changes
work asked about. The caller's own ask beside them is still read ("the dentist already
cancelled, so could you move my Thursday one")."""
_OWN_PLANS_INSTEAD: Final = re.compile(
    r"\b(?:im|i am|were|we are|ill|i will|well|we will|i ll|we ll) (?:be )?(?:going|heading"
    r"|travelling|traveling|driving|flying|off|staying|visiting|stopping|spending)\b"
    r"(?: (?!(?:my|the|our|it|appointment|appt|booking|one|\w*day|tomorrow|morning|afternoon"
    r"|evening|week|next|earlier|later|sooner|slot|time)\b)[a-z]+){0,5} instead\b"
)
"""The caller's own plans changed ("so I'm going up to him instead"): not another slot."""
_BOOKED_BEFORE: Final = re.compile(
    r"\b(?:he|she|they|we|i|someone|somebody|my (?:wife|husband|partner|son|daughter|mum|mom"
    r"|dad|mother|father|carer|sister|brother))(?: (?:already|must have|might have|may have"
    r"|has|had|have))?(?: (?:made|did|done|sorted|arranged)) (?:the|my|our|that|this|it"
    r"|his|her) ?(?:booking|appointment|appt)?(?: for (?:me|us|him|her))?"
    r"(?= (?:online|last|on the phone|over the phone|before|earlier|then|for me|for us)\b|\W*$|\W)"
)
"""A booking made before, by the caller or someone for them ("try my wife's number, she made
the booking", "my son did the appointment for me"): told of, not asked for."""
_PAST_WEEK = (
    r"(?:last|the other) (?:week|time|month|monday|tuesday|wednesday|thursday|friday)"
    r"|(?:on )?(?:monday|tuesday|wednesday|thursday|friday) (?:just )?gone"
)
MISSED_BEFORE: Final = re.compile(
    # "I was booked in last Wednesday and I just didn't turn up", "I had an appointment last
    # week that I missed", "I completely forgot I had an appointment last Monday", "I missed my
    # appointment last week", "I was supposed to come in last Thursday at eleven"
    r"\b(?:i|we) (?:(?:completely|totally|clean|just) )?(?:forgot (?:that |about )?(?:i|we) had"
    r"|had|was booked(?: in)?|were booked(?: in)?|missed|was (?:supposed|meant|due) to (?:come"
    r"|be)(?: in)?)(?: (?:an?|my|our|the))?(?: (?:appointment|appt|booking|visit|one"
    r"|follow ?up))?(?: (?:on|for|at|with you))?"
    r"(?: (?:at \w+|\w+)){0,2}? (?:" + _PAST_WEEK + r")\b"
    r"(?: at [a-z0-9]+)?"
    r"(?: (?:that|which|and) (?:i|we) (?:(?:just|completely|totally) )?(?:missed|forgot"
    r"|didnt (?:turn up|come|make it|show)|never (?:turned up|came|showed)))?"
    r"(?: (?:it|completely|totally|about it))*"
    # "... and I just didn't turn up", "... and it went clean out of my head"
    r"|\b(?:and )?(?:i|we) (?:just )?(?:didnt|never) (?:turn(?:ed)? up|show(?:ed)? up|come"
    r"|came|make it)\b"
    # "it turns out it was last Friday, so I've missed it"
    r"|\b(?:it|that) (?:turns out it |turned out it )?was (?:" + _PAST_WEEK + r")\b"
    r"|\b(?:so )?(?:ive|i ve|i have|weve|we ve|we have) (?:gone and |only gone and )?missed it\b"
)
"""An appointment missed or forgotten in the past, told of before asking for another ("I had
an appointment last week that I missed, can I get one Wednesday?"): a story, not one held to
check or move."""
_CHANGE_LATER: Final = re.compile(
    r"\b(?:i|we) (?:can|could) (?:always|still|just) (?:change|move|cancel|switch) (?:it|that)\b"
    r"|\b(?:ill|i ll|i will|we ll|i can|we can) (?:just )?(?:change|move|switch) (?:it|that)"
    r" (?:later|afterwards|if|when|nearer the time)\b"
    r"|\b(?:can|could) (?:i|we) (?:always |still )?(?:change|move) (?:it|that) (?:later|after"
    r"|afterwards|if)\b"
)
"""A change allowed for later, said while booking ("let's say Tuesday at 2, I can always change
it, right?"): no change asked for now."""
_CALL_BACK: Final = re.compile(
    r"\b(?:call|ring|phone|try)(?: you| again)? back (?:another|some other) (?:time|day)\b"
    r"|\b(?:call|ring|phone|try) (?:you )?again (?:another|some other) (?:time|day)\b"
    rf"|{TRY_LATER}"
)
_CODE_NAME: Final = re.compile(r"\bbooking (?:reference|ref|code|number|confirmation)\b")
_NO_CODE: Final = re.compile(
    r"\b(?:dont have|dont know|lost|forgot|forgotten|deleted|misplaced|cant find|never got"
    r"|didnt get|threw away|thrown away|erased)\b"
)
_OWN_CHECK: Final = re.compile(OWN_DIARY)
_OTHER_SLOT: Final = re.compile(
    r"\b(?:instead|sooner|earlier)\b|\b(?:a )?later (?:time|timing|slot|date|day|hour)\b"
    # "my appointment is Wednesday at nine ... can I go later on Wednesday, like eleven?"
    r"|\b(?:go|come|come in|get in) (?:a bit |a little |any )?later\b"
)
_HELD_NAMED: Final = re.compile(
    r"\b(?:ive got|i have got|i have|ive|i got|i ve got|weve got|we have|im booked(?: in)?"
    r"|im down|im in|im on)(?: an appointment| one| a slot)?(?: on| for| at)? "
    rf"(?:{_HELD_SAID})(?: at [a-z0-9]+(?: oclock| am| pm)?)?\b"
    r"(?! (?:off|free|open|available|clear|spare|work|to myself)\b)"
    # said bare at the start of the line, with what is wished after it: "tomorrow at ten -
    # is there any chance of making it after lunch instead?"
    r"|^(?:(?:hi|hello|morning|afternoon|yes|yeah|ok|okay|right|so|um|well|its|it s)\W+)*"
    r"(?:[a-z]+ ){0,3}?(?:(?:mon|tues|wednes|thurs|fri)day|today|tomorrow)(?: s)?"
    r" at [a-z0-9]+(?: oclock| am| pm)?\b(?=.*\b(?:making|make|have|having) it\b)"
)
"""An appointment held named as the caller has it ("I've got tomorrow at nine", "I'm booked in
for Friday", "tomorrow at ten - ... making it ..."), said in the same line as another time."""
_IN_SOONER: Final = re.compile(
    r"\b(?:get|fit|squeeze|see|have|take) (?:me|us|him|her) in (?:any |a bit |a little )?"
    r"(?:sooner|earlier)\b"
    r"|\b(?:see|take) (?:me|us|him|her) (?:any |a bit |a little )?(?:sooner|earlier)\b"
)
"""An appointment asked for sooner than the one held ("get me in sooner", "see me earlier")."""
_OTHER_WISHED: Final = re.compile(
    r"\b(?:id|i would|i d|wed|we would) (?:rather|prefer(?: to)?|sooner)"
    r" (?:come|go|do|have it|make it|be seen|come in|pop in)\b"
    r"|\b(?:making|make|have|having|move|moving|put|putting|switch|switching) it"
    r" (?:[a-z0-9]+ ){1,4}?instead\b"
    # the one held offered up for what is free: "I'd bring mine forward", "I'd swap", "I'd
    # happily move it", "we'd switch over"
    r"|\b(?:id|i would|i d|wed|we would|id happily|i would happily|id gladly)"
    r" (?:bring|move|swap|switch|change|shift|trade)"
    r"(?: (?:it|mine|that|that one|my one|ours))?(?: (?:forward|earlier|up|over|round|across))?"
    r"(?! (?:it |mine |that )?(?:for|to|with) (?:you|someone|somebody|anyone))\b"
)
"""Another time wished for what is held: "I'd rather come Thursday", "making it after lunch
instead"."""
_HELD_TIME_NO_GOOD: Final = re.compile(
    r"\b(?:a bit|a little|too|rather|quite|bit) (?:late|early) for (?:me|us)\b"
)
"""The time held no good ("it's a bit late for me", "that's too early for me really"): beside
a question about what is free, a move of it; said alone, move or cancel is asked."""
_ONE_MORE: Final = re.compile(
    r"\b(?:need|want|like|have|get|book|make)(?: to (?:have|get|book|make))?"
    r" (?:another|one more|a second|an extra|an additional)"
    r"(?: one| appointment| visit| booking| slot)?\b(?! (?:time|day|date|hour|week|slot)\b)"
)
"""A second appointment wanted beside the one held ("I've an appointment before Christmas but
I need another one sooner"): a booking, not a move of the one held."""
_ASKS_ABOUT_BOOKING: Final = re.compile(
    r"\bdid i (?:book|make|schedule|get)\b"
    r"|\bis (?:my|the) (?:booking|appointment) (?:confirmed|booked|still|on|for)\b"
    r"|\bam i (?:down|booked|in|scheduled|on the list) for\b"
    # asked in the negative, with a tag: "I'm not booked in for Friday, am I?", "I'm not down
    # for tomorrow, am I?"
    r"|\b(?:im|i am|i m) not (?:down|booked(?: in)?|in|scheduled|on the list) (?:for|on)\b"
    r".{0,40}\bam i\b"
    r"|\bcheck(?:ing)? (?:that |if |whether )?(?:i|we) (?:still )?(?:have|got|am booked)\b"
    r"|\b(?:about|got|had|received) (?:the|your|a|my) reminder\b"
    # "just confirming my appointment", "when was my last visit?", "when's the next one"
    r"|\bconfirm(?:ing)? (?:my|our|his|her) (?:\w+ )?(?:appointment|booking|visit)\b"
    r"|\bwhen (?:was|were) (?:my|our|his|her) (?:last|previous) (?:visit|appointment|one)\b"
    r"|\bwhen (?:my|our|his|her) (?:last|previous) (?:visit|appointment) was\b"
    r"|\bwhen (?:is|s) (?:the|my) next (?:one|visit|appointment)\b|\bwhens (?:the|my) next\b"
    r"|\bhow many times (?:have|did) (?:i|we) (?:been|come|visit)"
    r"|\bcheck (?:my|his|her|their) (?:\w+s )?appointment\b"
    # "did someone already book me something?", "has anybody put me down for anything?"
    r"|\b(?:did|has|have) (?:someone|somebody|anyone|anybody|you|you guys|they|my \w+)"
    r" (?:already |maybe |ever |perhaps )?(?:book|booked|make|made|put|schedule|scheduled"
    r"|set|get|got|pencil|pencilled|penciled) me\b"
    r"|\bam i already (?:down|booked|in|scheduled|on the list)\b"
    # a booking made online or on an earlier call, asked after: "I booked on your website, can
    # you check it went through?", "did my booking go through?", "not sure it worked"
    r"|\b(?:booked|made an appointment|made a booking)\b.{0,140}\b(?:it|my booking|the booking"
    r"|the appointment|its|it s|it has|thats) (?:actually |really |definitely )?(?:went|has gone"
    r"|gone|got|came|come|go) through\b"
    r"|\bdid (?:my|the|our) (?:booking|appointment) (?:go|get|come) through\b"
    r"|\b(?:booked|booking|made an appointment|made a booking|to book)\b.{0,80}\b(?:check|see"
    r"|make sure|confirm)(?: if| whether| that)? (?:its|it is|it s|it was|thats|that is|its all)"
    r" (?:there|in|on|booked|on the system|in the system|gone in|showing)\b"
    r"|\b(?:booked|booking|to book)\b.{0,80}\bnot sure (?:if |whether )?(?:it|that)"
    r" (?:worked|went through|took|went in)\b"
)
"""Questions about a booking already made, which ask and do not book."""
_ASKS_IF_MOVED: Final = re.compile(
    r"\b(?:moved|changed|rescheduled|switched)\b.{0,80}\b(?:make sure|check|see if|see whether"
    r"|confirm)\b"
    r"|\b(?:called|rang|phoned|spoke to \w+|was on the phone) (?:\w+ ){0,3}(?:to|and) "
    r"(?:move|change|reschedule|switch|moved|changed|rescheduled|switched)\b"
    r".{0,120}\b(?:make sure|check|see if|see whether|confirm)\b"
)
"""A move made on an earlier call, asked about ("I called yesterday to move it from the Tuesday
to the Wednesday, just making sure it moved"): asks, it does not move again."""
_ASKS_IF_CANCELLED: Final = re.compile(
    r"\b(?:did|have|had) (?:i|we|you) (?:already |actually )?cancel(?:led|ed)?\b"
    r"|\b(?:is|was) (?:it|my appointment|that) (?:already )?cancel(?:led|ed)\b"
    # "I cancelled it online, can you check it went through?", "did my cancellation go
    # through?", "just making sure the cancellation worked"
    r"|\bcancel(?:led|ed|lation|ation)\b.{0,80}\b(?:went|gone|go|got|gotten|come|came)"
    r" through\b"
    r"|\bdid (?:my|the|that|our) cancell?ation\b"
    r"|\b(?:check|make sure|confirm|see)\b.{0,30}\b(?:cancel(?:led|ed)|cancell?ation)\b"
    r"(?! (?:it|that|this|my|the)\b)"
    r"|\b(?:i|we) (?:already |just )?cancel(?:led|ed) (?:it|that|my|the|online)\b.{0,80}"
    r"\b(?:check|make sure|confirm|see if|wondering|worked)\b"
)
"""'Did I cancel my appointment or not?': a question about it, not a cancellation."""
_ASKS_IF_IT_GOT_CANCELLED: Final = re.compile(
    r"\b(?:did|has|had|have) (?:it|that|this|that one|my (?:\w+ )?(?:one|appointment|booking)"
    r"|the (?:\w+ )?(?:one|appointment|booking))(?: (?:all|already|just|maybe|actually))?"
    r" (?:get|got|gotten|been) (?:cancel(?:led|ed)|taken off|wiped)\b"
    r"(?! (?:and|so) (?:book|move)\b)"
)
"""Whether an appointment was cancelled, asked ("I missed last week's - have I still got the
other one, or did it get cancelled?", "has my Monday one been cancelled?"): a question about
what they hold, not a cancellation."""
_BACK_TO_BEFORE: Final = re.compile(
    r"\b(?:slot|time|day|appointment|one) i (?:had|was in|was booked in) (?:before|originally|at "
    r"first|first)\b.{0,20}\bback\b"
    r"|\b(?:my|the) (?:old|original|previous|first) (?:slot|time|day|appointment) back\b"
    r"|\b(?:swap|switch|change) it back\b"
)
"""A move back to where the appointment was: asked of the appointment the caller holds."""


# --- a name on the account said to be wrong -------------------------------------------------
_PART = r"(?:(sur|last |family |first |given )?names?)"
_NAME_WRONG: Final = re.compile(
    # "you've got my name wrong", "you have my last name spelled wrong", "you spelt it wrong"
    r"\b(?:got|have|has|spelled|spelt|spell|typed|wrote|written|put|heard|misheard|misspelled"
    r"|misspelt)\b(?: \w+){0,3}? (?:my |the )?" + _PART + r"(?: \w+){0,2}? "
    r"(?:wrong|wrongly|incorrect|incorrectly|down wrong|not right|not quite right|off)\b"
    # "my name is wrong", "the surname's not right", "my name's misspelled"
    r"|\b(?:my |the )" + _PART + r"(?: is|s)? (?:wrong|incorrect|not right|not quite right"
    r"|spelled wrong|spelt wrong|misspelled|misspelt|a bit off)\b"
    # "you misspelled my surname", "that's not how you spell my name"
    r"|\b(?:misspelled|misspelt|misheard|mistyped) (?:my|the) " + _PART + r"\b"
    r"|\b(?:thats|its) not (?:how (?:you spell|its spelled|its spelt) )?my " + _PART + r"\b"
    # "can you fix my name", "I need to correct my surname", "change my name on the account"
    r"|\b(?:fix|correct|change|update|amend) (?:my|the) " + _PART + r"\b"
)
_NAME_IS_NOT: Final = re.compile(
    # "my name's not Rooz, it's Ruiz", "my surname isn't Novak"
    r"\bmy " + _PART + r"(?: is not| isnt| not| aint) ([a-z]+)\b(?:,? (?:its|it is) ([a-z]+))?"
)
_MY_PART_IS: Final = re.compile(
    # "my surname's Nowak", "the first name's - with a K - Katherine" (the letter said aside)
    r"\b(?:my|the) (sur|last |family |first |given )names?(?: is|s)? ([a-z]+)"
)
_NOT_X_BUT_Y: Final = re.compile(
    # "not Rooz, it's Ruiz", "it's Ruiz, not Rooz", "it's Nowak not Novak"
    r"\bnot ([a-z]+),? (?:its|it is|it should be|should be) ([a-z]+)\b"
    r"|\b(?:its|it is|it should be|should be) ([a-z]+),? not ([a-z]+)\b"
)
_ACTUALLY_ITS: Final = re.compile(
    r"\b(?:actually|sorry|oh|wait|no)\W+(?:its|it is|my names?|my name is|thats) ([a-z]+)\b"
)


_NOT_A_FIX: Final = NOT_A_NAME_ALL | word_set(
    "wrong wrongly incorrect misspelled misspelt spelled spelt right off fixed changed"
    # a slot said to be taken: "oh, that's gone, is it?", "that's full then"
    " gone taken full filled packed shame pity typical annoying"
)


@dataclass(frozen=True, slots=True)
class NameFix:
    """The caller says the name on their account is wrong: which part (``first``, ``last`` or
    None for not said), the word it should be when said, and the word it should not be."""

    part: Literal["first", "last"] | None = None
    word: str | None = None
    wrong: str | None = None
    explicit: bool = True
    """Said as a complaint about the name ("you've got my name wrong", "my surname's ..."),
    not only a word corrected after "actually, it's" (which must look like the name)."""


def _part_of(group: str | None) -> Literal["first", "last"] | None:
    if group is None:
        return None
    return "first" if group.strip() in ("first", "given") else "last"


def name_fix(line: str) -> NameFix | None:
    """ "You've got my name wrong", "my surname's Nowak", "it's Ruiz, not Rooz", "actually
    it's Ruiz": the account's name said to be wrong, and what it should be if said."""
    m = _NAME_IS_NOT.search(line)
    if m is not None and m.group(2) not in _NOT_A_FIX:
        word = m.group(3) if m.group(3) not in _NOT_A_FIX else None
        return NameFix(part=_part_of(m.group(1)), word=word, wrong=m.group(2))
    m = _MY_PART_IS.search(line)
    if m is not None and m.group(2) not in _NOT_A_FIX:
        said = _NOT_X_BUT_Y.search(line)
        return NameFix(
            part=_part_of(m.group(1)),
            word=m.group(2),
            wrong=(said.group(4) if said is not None and said.group(3) == m.group(2) else None),
        )
    complaint = _NAME_WRONG.search(line)
    m = _NOT_X_BUT_Y.search(line)
    if m is not None:
        wrong, word = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if not {wrong, word} & _NOT_A_FIX:
            return NameFix(word=word, wrong=wrong, explicit=complaint is not None)
    if complaint is not None:
        return NameFix(part=_part_of(complaint.group(1) or complaint.group(2)))
    m = _ACTUALLY_ITS.search(line)
    if m is not None and m.group(1) not in _NOT_A_FIX:
        return NameFix(word=m.group(1), explicit=False)
    return None


def letters_spelled(tokens: list[Token]) -> str | None:
    """The longest run of three or more letters said one by one ("Ruiz, R U I Z", "J-O-H-N"):
    a spelling anywhere in the turn, not only where one was asked for."""
    best: str | None = None
    i = 0
    while i < len(tokens):
        if (
            len(tokens[i].text) == 1
            and tokens[i].text in _SPELL_LETTERS
            or (
                tokens[i].text in _LETTER_NAMES
                and i + 1 < len(tokens)
                and len(tokens[i + 1].text) == 1
            )
        ):
            j = i
            while j < len(tokens) and (
                len(tokens[j].text) == 1
                and tokens[j].text in _SPELL_LETTERS
                or tokens[j].text in _LETTER_NAMES
                or tokens[j].text in ("double", "dash", "hyphen")
            ):
                j += 1
            word = spelled_word(tokens[i:j]) if j - i >= 2 else None
            if word is not None and len(word) >= 3 and (best is None or len(word) > len(best)):
                best = word
            i = max(j, i + 1)
            continue
        i += 1
    return best
