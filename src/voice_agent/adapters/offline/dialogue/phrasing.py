"""How the receptionist says things. Every sentence the engine speaks is written here.

``spoken`` style (voice calls) reads codes and phone numbers one character at a time, the way
a text-to-speech engine should say them; ``written`` style (typed chat) shows them as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Final, Literal

from voice_agent.domain.calendar import ClinicCalendar
from voice_agent.domain.clinic import ClinicProfile
from voice_agent.domain.listening import WEAK_GROUPS
from voice_agent.domain.phone import display_phone
from voice_agent.domain.speech import join_words, say_code, say_date, say_time
from voice_agent.domain.weekdays import WEEKDAYS

Style = Literal["spoken", "written"]

GREETING = "Hello, thanks for calling! How can I help you today?"
GOODBYE = "Thank you for calling. Have a great day!"
ANYTHING_ELSE = "Is there anything else I can help you with?"
CAPABILITIES = "I can book, check, reschedule or cancel an appointment for you."


def when(day: date, at: time) -> str:
    return f"{say_date(day)} at {say_time(at)}"


def times_list(times: list[time], conjunction: str = "or") -> str:
    return join_words([say_time(t) for t in times], conjunction)


@dataclass(frozen=True)
class Phrasing:
    style: Style = "spoken"
    calendar: ClinicCalendar = field(default_factory=ClinicCalendar)
    profile: ClinicProfile = field(default_factory=ClinicProfile)

    # --- identifiers ------------------------------------------------------------------------
    def phone(self, digits: str) -> str:
        """A number read back: "6 4 6, 5 5 5, 0 1 7 7" (spoken) / "646-555-0177" (written)."""
        d = digits[1:] if len(digits) == 11 and digits.startswith("1") else digits
        groups = [d[:3], d[3:6], d[6:]] if len(d) == 10 else [d]
        if self.style == "written":
            return display_phone(d)
        return ", ".join(" ".join(g) for g in groups)

    def digits(self, digits: str) -> str:
        return digits if self.style == "written" else " ".join(digits)

    def rest_of_number(self, digits: str, *, again: bool, keypad: bool = False) -> str:
        """The rest of a number asked for plainly, after it was asked for and not heard: how
        many digits are missing, and how to start over ("" when the count is unknown)."""
        whole = 11 if len(digits) > 1 and digits[0] == "1" else 10  # a leading 1: the country
        missing = whole - len(digits)
        if not 0 < missing < whole:
            return ""
        so_far = self.number_so_far(digits)
        last = "the last digit" if missing == 1 else f"the last {missing} digits"
        if again:
            text = (
                f"Sorry, just {last}, please: I have {so_far} so far. Or, to start over, say "
                f"all {whole} digits of your number."
            )
        else:
            text = (
                f"Sorry, I still need {last} of your number. I have {so_far} so far. Or, to "
                "start over, say the whole number."
            )
        if keypad:
            text += " You can also type it on your keypad and press the hash key."
        return text

    def number_so_far(self, digits: str) -> str:
        """Part of a phone number (or one of a wrong length) in the groups a whole one is read
        in, three, three and four, as far as it goes: "6 1 7, 5 5 5, 0 1 4" (spoken) /
        "617-555-014" (written); "617555014" in a row was hard to check by ear or eye. A
        leading 1 before more digits is the country code, a group of its own (no area code
        starts with 1); digits past ten make a last group."""
        country, rest = ("1", digits[1:]) if len(digits) > 1 and digits[0] == "1" else ("", digits)
        groups = [rest[:3], rest[3:6], rest[6:10], rest[10:]]
        groups = [g for g in (country, *groups) if g]
        if self.style == "written":
            return "-".join(groups)
        return ", ".join(" ".join(g) for g in groups)

    def code(self, code: str, spoken: str = "") -> str:
        if self.style == "written":
            return code.upper()
        return spoken or say_code(code)

    # --- clinic -----------------------------------------------------------------------------
    def open_days(self) -> str:
        days = sorted(self.calendar.open_weekdays)
        names = [WEEKDAYS[d] for d in days]
        if days and days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
            return f"{names[0]} to {names[-1]}"
        return join_words(names)

    def duration(self) -> str:
        minutes = self.calendar.slot_minutes
        length = "an hour" if minutes == 60 else f"{minutes} minutes"
        return f"Each appointment is booked for {length}."

    def hours(self) -> str:
        starts = self.calendar.slot_starts(date(2001, 1, 1))
        if not starts:
            return f"We're open {self.open_days()}."
        return (
            f"We're open {self.open_days()}, with appointments from {say_time(starts[0])}; "
            f"the last one starts at {say_time(starts[-1])}."
        )

    def open_on(self, day: date) -> str:
        """ "Are you open on Christmas Eve?": that day first, then the week's hours."""
        if self.calendar.is_open_on(day):
            return f"Yes, we're open on {say_date(day)}. {self.hours()}"
        return f"Sorry, we're closed on {say_date(day)}. {self.hours()}"

    def horizon(self, today: date) -> str:
        """ "How far ahead can you book?": the limit, and the last day it reaches today."""
        days = self.calendar.booking_horizon_days
        last = today + timedelta(days=days)
        return f"We book up to {days} days ahead, so as of today up to {say_date(last)}."

    def address(self) -> str:
        if self.profile.address:
            return f"We're at {self.profile.address}."
        return (
            "I'm sorry, I don't have the address in front of me; it's on your appointment "
            "reminder and our website."
        )

    def clinic_phone(self) -> str:
        if self.profile.phone:
            return f"You can reach the front desk at {self.profile.phone}."
        return "You can reach the front desk on the number you called."

    @staticmethod
    def emergency() -> str:
        return (
            "That sounds like it could be a medical emergency. Please hang up and call 911 "
            "right away; don't wait for an appointment."
        )

    @staticmethod
    def emergency_close() -> str:
        return "I'll be here if you still need an appointment once everyone is safe."

    @staticmethod
    def others_info() -> str:
        return (
            "I'm sorry, I can't share or change anything about other patients or their "
            "appointments. "
            "I can help with your own appointments."
        )

    @staticmethod
    def why_details() -> str:
        return (
            "Your phone number is how I find your record and your appointments, or set one "
            "up for you; it is only used for your appointments here."
        )

    def place(self) -> str:
        """ "Is this Harbor Family Clinic?", "is this the doctor's?": the clinic's name."""
        name = self.profile.name
        if not name or name.lower() == "the clinic":
            return "You've reached the clinic's appointment line."
        return f"You've reached {name}."

    @staticmethod
    def identity() -> str:
        """ "Are you a robot?", "who am I speaking to?": what the agent is and can do."""
        return (
            "I'm the clinic's automated assistant. I can book, check, move or cancel "
            "appointments for you."
        )

    @staticmethod
    def date_told(day: date | None, today: date, *, today_asked: bool, how_far: bool) -> str:
        """ "What's the date on Thursday?", "wait, what's today?", "how far off is that?": the
        date asked about, today's, or how far ahead it is ("" when no date was said)."""
        parts: list[str] = []
        if today_asked:
            parts.append(f"Today is {say_date(today)}.")
        if day is not None and day != today:
            gap = (day - today).days
            if how_far and gap > 0:
                weeks, rest = divmod(gap, 7)
                span = f"{weeks} week{'s' if weeks > 1 else ''}" if not rest else f"{gap} days"
                parts.append(f"{say_date(day)} is {span} from today.")
            else:
                parts.append(f"That's {say_date(day)}.")
        return " ".join(parts)

    def human(self, *, transfer: bool, stuck: bool = False) -> str:
        if transfer and stuck:
            return (
                "I'm sorry, I'm having trouble with this. "
                "Let me put you through to a member of staff now."
            )
        if transfer:
            return "Of course, I'll put you through to a member of staff now."
        if self.profile.phone:
            return (
                "I'm the automated receptionist, so I can't transfer you, but you can reach "
                f"a member of staff at {self.profile.phone} during opening hours."
            )
        return (
            "I'm the automated receptionist and can't transfer you, but the front desk staff "
            "answer this number during opening hours."
        )

    def staff_line(self) -> str:
        """How to reach a person, for a phone caller the agent keeps failing to understand."""
        if self.profile.phone:
            return (
                f"If it's easier, a member of staff can help you at {self.profile.phone} "
                "during opening hours."
            )
        return "If it's easier, the front desk staff answer this number during opening hours."

    def off_topic(self) -> str:
        return f"Sorry, I can only help with appointments. {CAPABILITIES}"

    # --- requests ---------------------------------------------------------------------------
    def ask_phone(self, *, reason: str = "", plain: bool = False, keypad: bool = False) -> str:
        if plain:
            text = (
                "Please say your ten-digit phone number one digit at a time, for example: "
                "six one seven, five five five, zero one four two."
            )
            if keypad:
                text += " Or type it on your keypad and press the hash key."
            return text
        lead = f"Sure. {reason}" if reason else "Sure, I can help with that."
        return f"{lead} May I have your phone number, please?".replace("Sure.  ", "Sure. ")

    def ask_group(self, index: int) -> str:
        return (
            "What are the first three digits?",
            "And the next three digits?",
            "And the last four digits?",
        )[index]

    def heard_digits(self, digits: str) -> str:
        count = len(digits)
        if count == 0:
            return "Sorry, I didn't catch the number."
        if count == 10:  # ten digits no US number has: misheard
            return f"I heard {self.phone(digits)}, which doesn't sound like a US number."
        return f"I heard {count} digit{'s' if count != 1 else ''}: {self.number_so_far(digits)}."

    def not_registered(
        self, digits: str, *, name: str | None, asked_name: bool = False, unheard: bool = False
    ) -> str:
        number = self.phone(digits)
        if unheard:
            # the name said with the number was not caught: not asked for as if unsaid
            return (
                f"I don't have an account under {number}. I didn't quite catch your name, so"
                " I'll set one up with that number and the front desk will add your name."
                " Is the number right?"
            )
        if name and asked_name:
            # the name answered "if that number is right, may I have your name?" without a yes
            return f"Thanks. Before I set up your account, is your number {number}?"
        if name:
            return (
                f"I don't have an account under {number}. "
                f"Shall I set one up for {name} with that number?"
            )
        return (
            f"I don't have an account under {number}. If that number is right, may I have "
            "your full name to set one up?"
        )

    def ask_number_again(self, unknown: str | None, *, faint: int | None = None) -> str:
        """A number heard by ear that nothing vouches for, asked for again (``unknown``: it
        was looked up and has no account; ``faint``: the group of it heard only faintly,
        named so the caller listens for it: "I wasn't sure of the middle three")."""
        if unknown is not None and faint is not None:
            return (
                f"I don't have an account under {self.phone(unknown)}, but I wasn't sure of"
                f" the {WEAK_GROUPS[faint]} digits. Before I set one up, could you say your"
                " number once more, a little slowly?"
            )
        if unknown is not None:
            return (
                f"I don't have an account under {self.phone(unknown)}. Before I set one up,"
                " could you say your number once more, a little slowly, so I'm sure I have"
                " it right?"
            )
        return (
            "Sorry, I want to be sure I have your number right. Could you say it once more,"
            " a little slowly?"
        )

    def ask_name(self) -> str:
        return "May I have your full name, please?"

    def check_name(self, name: str, *, spelled: bool = False) -> str:
        if spelled:
            return f"I have your name as {spelled_groups(name)}. Is that right?"
        return f"{self.name_heard(name)} Is that right?"

    def name_heard(self, name: str, *, number: str | None = None) -> str:
        if number is not None:
            return f"I have your name as {name}, on the number {self.phone(number)}."
        return f"I have your name as {name}."

    def check_rename(self, name: str, spell: tuple[str, ...], *, missing: bool = False) -> str:
        """ "So that's Dana Ruiz, R-U-I-Z. Shall I change ...?": the words that changed spelled
        (``missing``: the account had no name, and this one is put on it)."""
        letters = ", ".join("-".join(word.upper()) for word in spell)
        said = f"{name}, {letters}" if letters else name
        if missing:
            return f"So that's {said}. Shall I put that name on your account?"
        return f"So that's {said}. Shall I change the name on your account to that?"

    def ask_spell_doubted(self) -> str:
        return (
            "I want to be sure I have your name right. Could you spell it for me, letter by letter?"
        )

    def ask_spell(self) -> str:
        return "Sorry, I didn't quite get your name. Could you spell it for me, letter by letter?"

    def welcome(self, name: str | None, *, new: bool) -> str:
        first = (name or "").split(" ")[0]
        if new:
            return (
                f"Thanks, {first}, your account is set up." if first else "Your account is set up."
            )
        return f"Welcome back, {first}." if first else "Thanks, I've found your account."

    def ask_when(self, what: str = "come in") -> str:
        return f"What day and time would you like to {what}?"

    def ask_day_for(self, at: time) -> str:
        return f"Which day would you like at {say_time(at)}?"

    def offer_choice(self, day: date, times: list[time]) -> str:
        """The free times of a day, to "what do you have?": which one, if any."""
        spoken_day = say_date(day)
        if len(times) == 1:
            return f"On {spoken_day} I have {say_time(times[0])}. Would that work?"
        return f"On {spoken_day} I have {times_list(times)}. Which would you prefer?"

    def offer_then_ask(
        self,
        options: list[tuple[date, time]],
        *,
        moving: tuple[date, time] | None = None,
        offering_only: bool = False,
        propose: tuple[date, time] | None = None,
        with_next: tuple[tuple[date, time], ...] = (),
    ) -> str:
        """Several free times (one day or a few), then a yes/no question about the first (or
        about ``propose``, one of them): book it, move the appointment there, or (to "what do
        you have?") book it; with ``with_next``, book it and those too."""
        day, first = propose or options[0]
        days = list(dict.fromkeys(d for d, _ in options))
        if len(days) == 1:
            listed = f"On {say_date(days[0])} I have {times_list([t for _, t in options])}."
        elif len(days) < len(options):
            # several times on each of a few days: grouped by day
            def on(d: date) -> str:
                return times_list([t for o, t in options if o == d])

            listed = f"On {say_date(days[0])} I have {on(days[0])}"
            listed += "".join(f", and on {say_date(d)} {on(d)}" for d in days[1:]) + "."
        else:
            listed = f"I could do {join_words([when(d, t) for d, t in options], 'or')}."
        if moving is not None:
            return f"{listed} {self.confirm_move(moving, (day, first))}"
        if offering_only:
            return f"{listed} Would you like me to book {when(day, first)}?"
        if with_next:
            return f"{listed} {self.confirm_book_both([(day, first), *with_next])}"
        return f"{listed} {self.confirm_book(day, first)}"

    def confirm_book(self, day: date, at: time, *, lead: str = "") -> str:
        return f"{lead}Shall I book {when(day, at)}?"

    def confirm_book_both(self, slots: list[tuple[date, time]]) -> str:
        """One question naming both bookings asked for together ("and one for me as well")."""
        listed = join_words([when(d, t) for d, t in slots])
        return f"Shall I book both, {listed}?"

    def confirm_move(
        self, old: tuple[date, time], new: tuple[date, time], *, lead: str = ""
    ) -> str:
        return f"{lead}Shall I move your appointment from {when(*old)} to {when(*new)}?"

    def confirm_two_changes(
        self,
        first: tuple[str, tuple[date, time], tuple[date, time] | None],
        second: tuple[str, tuple[date, time], tuple[date, time] | None],
        *,
        also_booked: tuple[tuple[date, time], ...] = (),
    ) -> str:
        """One question naming two changes asked for together ("push them both back a
        week", "move Tuesday's to Friday and cancel Wednesday's", "cancel hers and book me in
        on Thursday"): each is its action ("reschedule", "cancel", "book"), the appointment's
        day and time (a booking's slot), and where a move takes it; ``also_booked``, the
        further bookings the second covers ("cancel Friday's, and instead give me two")."""
        (a1, at1, to1), (a2, at2, to2) = first, second
        if a1 == a2 == "reschedule" and to1 is not None and to2 is not None:
            return (
                f"Shall I move both your appointments: the one on {when(*at1)} to "
                f"{when(*to1)}, and the one on {when(*at2)} to {when(*to2)}?"
            )
        if a1 == a2 == "cancel":
            return self.confirm_cancel_both([at1, at2])
        if a1 == "reschedule" and to1 is not None:
            head = f"Shall I move your appointment from {when(*at1)} to {when(*to1)}"
        elif a1 == "cancel":
            head = f"Shall I cancel your appointment on {when(*at1)}"
        else:
            head = f"Shall I book {when(*at1)}"
        if a2 == "reschedule" and to2 is not None:
            return f"{head}, and move the one on {when(*at2)} to {when(*to2)}?"
        if a2 == "cancel":
            return f"{head}, and cancel the one on {when(*at2)}?"
        return f"{head}, and book {join_words([when(*at2), *(when(*b) for b in also_booked)])}?"

    def confirm_cancel_both(self, slots: list[tuple[date, time]]) -> str:
        """One question naming every appointment to cancel ("both of them", "all of them")."""
        listed = join_words([f"on {when(d, t)}" for d, t in slots])
        if len(slots) > 2:
            count = _COUNTS.get(len(slots), str(len(slots)))
            return f"Shall I cancel all {count} of your appointments, {listed}?"
        return f"Shall I cancel both your appointments, {listed}?"

    def confirm_cancel(self, day: date, at: time, *, lead: str = "") -> str:
        return f"{lead}Shall I cancel your appointment on {when(day, at)}?"

    def booked(self, day: date, at: time, code: str, spoken_code: str = "") -> str:
        return (
            f"You're booked for {when(day, at)}. Your confirmation code is "
            f"{self.code(code, spoken_code)}."
        )

    def moved(self, day: date, at: time, code: str, spoken_code: str = "") -> str:
        return (
            f"Done. Your appointment is now on {when(day, at)}. Your confirmation code is still "
            f"{self.code(code, spoken_code)}."
        )

    def cancelled(self, day: date, at: time) -> str:
        return f"Your appointment on {when(day, at)} has been cancelled."

    def list_appointments(self, appts: list[tuple[date, time]]) -> str:
        if not appts:
            return "You don't have any upcoming appointments."
        if len(appts) == 1:
            return f"You have an appointment on {when(*appts[0])}."
        listed = join_words([when(d, t) for d, t in appts])
        return f"You have {len(appts)} upcoming appointments: {listed}."

    def which(self, appts: list[tuple[date, time]], verb: str) -> str:
        listed = join_words([when(d, t) for d, t in appts], "or")
        return f"Which appointment would you like to {verb}: {listed}?"

    def codes(self, items: list[tuple[date, time, str, str]]) -> str:
        if len(items) == 1:
            d, t, code, spoken = items[0]
            return (
                f"Your appointment on {when(d, t)} has the confirmation code "
                f"{self.code(code, spoken)}."
            )
        parts = [f"{when(d, t)}, code {self.code(code, spoken)}" for d, t, code, spoken in items]
        return f"Your appointments are: {'; '.join(parts)}."


def spelled_groups(name: str) -> str:
    """A name spelled back as a receptionist reads letters: word by word, a long word in
    groups of three ("Dan Marino" -> "D-A-N, M-A-R, I-N-O"; a last group of one joins the
    one before: "K-O-W, A-L-S, K-I"; a word of up to five letters is one group)."""
    groups: list[str] = []
    for word in name.upper().split():
        letters = [c for c in word if c.isalpha()]
        if len(letters) <= 5:
            parts = [letters]
        else:
            parts = [letters[i : i + 3] for i in range(0, len(letters), 3)]
            if len(parts[-1]) == 1:
                parts[-2:] = [parts[-2] + parts[-1]]
        groups += ["-".join(p) for p in parts if p]
    return ", ".join(groups)


_COUNTS: Final = {3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}
