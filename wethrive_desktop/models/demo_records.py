"""The demo's activity records as text: what the demo city manager did last year and this year, and plans next year
(demo.py dates them relative to today and stores them). Data only, no database access.

The records show how ICMA counts (DOMAIN.md section 7): the member mentors an ELDP participant and an MPA intern
(mentoring given, each relationship documented as ICMA asks), coaches an assistant city manager in the ICMA Coaching
Program (coaching given), receives executive coaching (coaching received), teaches (the preparation counts, the
delivery is recorded beside it), and tags the activities whose titles name ethics, equity or resilience.

Why about 450 lines: nearly all of it is the prose of some fifty records (how the member took part, what they
learned), which the demo needs to look real; there is no logic here to split by topic."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from wethrive_desktop.models.activities import ActivityData
from wethrive_desktop.models.domain import Status
from wethrive_desktop.models.mentoring import MentoringData

Day = tuple[int, int, int]  # (years after the activity's year, month, day)


@dataclass(frozen=True)
class DemoMentoring:
    """A mentoring or coaching relationship, its dates relative to the year of the activity that logs it."""

    mentee: str
    position: str
    own_employee: bool | None
    program: str
    start: Day
    end: Day | None
    frequency: str
    subjects: str

    def data(self, year: int, today: date | None = None) -> MentoringData:
        """The facts as of `today`: a relationship that ends after it is still going on (no end yet)."""
        def day(d: Day) -> date:
            return date(year + d[0], d[1], d[2])

        end = day(self.end) if self.end else None
        if end is not None and today is not None and end > today:
            end = None
        return MentoringData(self.mentee, self.position, self.own_employee, self.program, day(self.start), end,
                             self.frequency, self.subjects)


@dataclass(frozen=True)
class DemoItem:
    month: int
    day: int
    title: str
    provider: str
    type: str
    hours: str
    practices: tuple[int, ...]
    description: str
    learned: str
    days: int = 1
    challenge: str | None = None
    plan: str = ""  # the description while the activity is still planned
    topics: tuple[str, ...] = ()
    delivery: str = "0"  # teaching: the hours delivering it (`hours` are the preparation, which counts)
    mentoring: DemoMentoring | None = None  # mentoring and coaching given: what ICMA asks, all documented

    def data(self, year: int, status: str, today: date | None = None) -> ActivityData:
        start = date(year, self.month, self.day)
        return ActivityData(
            start_date=start,
            end_date=start + timedelta(days=self.days - 1) if self.days > 1 else None,
            title=self.title,
            provider=self.provider,
            type=self.type,
            hours=Decimal(self.hours),
            practices=self.practices,
            description=self.description if status == Status.COMPLETED else (self.plan or self.description),
            learned=self.learned if status == Status.COMPLETED else "",
            status=status,
            challenge_key=self.challenge,
            delivery_hours=Decimal(self.delivery),
            topics=self.topics,
            meets_conditions=True if self.mentoring is not None else None,
            mentoring=self.mentoring.data(year, today) if self.mentoring is not None else None,
        )


ELDP_MENTEE = DemoMentoring(
    "Maya Okafor", "Assistant to the county manager in a neighbouring county (ELDP participant)", False,
    "Emerging Leaders Development Program (ELDP)", (-1, 9, 15), (0, 12, 15), "Monthly video calls of about forty "
    "minutes, with written comments on her drafts between calls",
    "Her ELDP assignments and capstone project on volunteer recruitment for the library district, council "
    "relations, and her next career steps")

MPA_INTERN = DemoMentoring(
    "Jordan Ellis", "MPA student at the University of Colorado Denver, intern in the city manager's office", True,
    "College internship", (0, 6, 2), (1, 5, 15), "An hour every two weeks",
    "Budget analysis, preparing council agenda items, public engagement, and a career in local-government "
    "management")
MPA_INTERN_THIS_YEAR = replace(MPA_INTERN, start=(-1, 6, 2), end=(0, 5, 15))  # the same dates, seen a year on

COACHED_MANAGER = DemoMentoring(
    "", "Assistant city manager in another Colorado town, in her first year", None, "ICMA Coaching Program",
    (0, 2, 12), None, "A video call every two to four months",
    "Preparing her first council budget presentation and labour negotiation, and her own development plan")


ICMAU = "ICMA University"
CCCMA = "Colorado City & County Management Association (CCCMA)"
INTERNSHIP = "City of Alamosa Springs internship program"

LAST_YEAR: list[DemoItem] = [
    DemoItem(1, 13, "Ethics 101 e-course", ICMAU, "e-course", "2", (1,),
          "I worked through the four self-paced modules over two evenings and completed every case exercise, "
          "including the one on gifts from vendors. I kept notes on the tenets I had not reread since joining.",
          "The guidelines under Tenet 12 on gifts and personal relationships are stricter than I remembered. I "
          "rewrote our department-head orientation so it covers gifts explicitly, and I now review it yearly.",
          challenge="ethics-101",
          topics=("ethics",)),
    DemoItem(1, 27, "The Fearless Organization (Amy Edmondson)", "Wiley", "reading", "3", (4, 13),
          "I read the book with my leadership team; each of the six department heads led the discussion of one "
          "chapter at our biweekly staff meetings, and I wrote a one-page summary for the council. "
          "We kept the discussions to thirty minutes so they did not crowd out operations.",
          "Psychological safety has to be built by the leader's own reactions to bad news. I now thank staff "
          "publicly when they raise a problem early, and we added a blameless review after each major incident."),
    DemoItem(2, 10, "Building a Long-Range Financial Plan", ICMAU, "webinar", "1.5", (12, 7),
          "I attended the live webinar with our finance director and asked about scenario modelling for sales-tax "
          "volatility. Afterwards we compared the presenters' template with our own five-year forecast.",
          "A long-range plan is credible when it shows the council the cost of doing nothing. We added a "
          "status-quo scenario to our forecast, and it reframed the debate about the fire station bond.",
          challenge="icmau-webinar"),
    DemoItem(2, 24, "Mentoring an ELDP participant (sessions 1-3)", "ICMA Emerging Leaders Development Program",
          "mentoring", "2", (4, 13),
          "I met monthly with my mentee, an assistant to the county manager in a neighbouring county, to review her "
          "ELDP assignments and her capstone project on volunteer recruitment for the library district. "
          "Between calls I read her drafts and sent short written comments.",
          "Coaching means asking better questions rather than giving answers. I practised open questions with my "
          "mentee and began using the same approach in one-on-ones with my own department heads.",
          mentoring=ELDP_MENTEE),
    DemoItem(3, 11, "CCCMA Winter Conference", CCCMA, "conference", "9", (2, 6, 14),
          "I attended three days of sessions in Vail, including the tracks on rural broadband and on council "
          "relations, and moderated a roundtable of small-city managers on recruitment and retention. "
          "I shared my notes with our department heads at the next staff meeting.",
          "The session on council relations gave me a practical onboarding checklist for newly elected members. "
          "I used it in April for our two new council members, and both said it shortened their learning curve.",
          days=3),
    DemoItem(3, 24, "Cybersecurity for Local Government Leaders", ICMAU, "webinar", "1.5", (11,),
          "I joined the live session with our IT manager and took part in the tabletop exercise on a ransomware "
          "attack against a utility billing system, then debriefed with her on our own readiness. "
          "I reported the gaps we found to the council's finance committee.",
          "Our incident response plan named no one to talk to the public during an outage. We now have a "
          "communications lead and pre-approved messages, and we ran our own tabletop exercise in June.",
          challenge="icmau-webinar"),
    DemoItem(4, 7, "Facilitating Difficult Public Conversations", "National Civic League", "workshop", "5",
          (2, 3, 14),
          "I took part in the full-day workshop in Denver with two of our planners, practising facilitation in "
          "small groups with role plays based on a contentious zoning case from another city. "
          "I played both facilitator and resident in the role plays.",
          "Naming the values behind opposing positions lowers the temperature of a meeting. At our short-term "
          "rental forum in May I opened by listing the shared values, and the discussion stayed civil throughout."),
    DemoItem(4, 21, "Strong Towns (Charles Marohn)", "Wiley", "reading", "3", (7, 12),
          "I read the book over several weekends and wrote a short memo for the planning commission on its "
          "argument about the long-term liabilities of low-density infrastructure. "
          "The commission discussed the memo at its April work session.",
          "Infrastructure built today is a maintenance promise for decades. We now attach a thirty-year "
          "maintenance estimate to every annexation and subdivision proposal that goes to council."),
    DemoItem(5, 6, "ICMA Mountain Plains Regional Summit", "ICMA", "conference", "7", (5, 6, 1),
          "I attended both days of the regional summit in Cheyenne, joined the peer session on managing burnout, "
          "and spent the networking hours with two managers who had just been through a recall election. "
          "I also attended the luncheon for credentialed managers.",
          "Resilience is a practice, not a trait: the managers I admire schedule recovery the way they schedule "
          "meetings. I now block one afternoon a month for planning without email, and I protect it.",
          days=2, challenge="regional-summit"),
    DemoItem(5, 19, "Equity in Budgeting", ICMAU, "webinar", "1.5", (3, 12),
          "I watched the live webinar with our budget analyst and worked through the equity-lens worksheet "
          "against two of our capital projects during the breakout, then presented our findings to the director. "
          "We repeated the exercise with the transportation director a week later.",
          "An equity lens is most useful before the budget is drafted, not after. We added three equity "
          "questions to department budget requests for next year, starting with parks and transportation.",
          topics=("equity",)),
    DemoItem(6, 9, "Executive coaching: leading through a council transition", "Summit Leadership Partners",
          "coaching", "3", (5, 6),
          "I took part in three one-hour sessions with an executive coach, each preceded by a short reflection "
          "exercise on my priorities and followed by a written commitment for the month. "
          "The city paid for the coaching from the training budget approved by council.",
          "I tend to solve problems for my team instead of letting them own them. Since the coaching I delegate "
          "the council agenda review to the assistant city manager, and she now briefs me."),
    DemoItem(6, 23, "Guest lecture: council-manager relations (MPA program)", "University of Colorado Denver",
          "teaching", "2", (8, 14),
          "I prepared and delivered a ninety-minute guest lecture to the MPA class on local government "
          "management, using our own council's budget retreat as a case study, and answered students' questions. "
          "The professor has invited me back for next year's class.",
          "Explaining our work to students forced me to state plainly why the council-manager form works. Their "
          "questions about transparency led me to publish our council-manager protocol on the city website.",
          delivery="1.5"),
    DemoItem(7, 14, "Local Government 201 certificate program", ICMAU, "certificate program", "6", (10, 12, 8),
          "I completed the online certificate program over four weeks, including the modules on service "
          "delivery models and intergovernmental agreements, and passed each module quiz on the first attempt. "
          "I spent about ninety minutes a week on the modules, mostly in the evenings.",
          "The module on shared services showed how small cities split the cost of specialised staff. We opened "
          "talks with the county about a shared building inspector, and a draft agreement is now under review.",
          days=28, challenge="lg101-201"),
    DemoItem(7, 28, "Wildfire Evacuation Planning for Small Cities", "Colorado Division of Fire Prevention and "
          "Control", "webinar", "1", (9, 10),
          "I attended the webinar with our emergency manager and the fire chief, then met with them to compare "
          "the recommended practices with our evacuation annex. "
          "We agreed on three changes to present to the council.",
          "Our evacuation plan assumed residents would receive text alerts, but a fifth of our households have "
          "not registered. We launched a door-to-door registration drive in the foothill neighbourhoods.",
          topics=("sustainability and resilience",)),
    DemoItem(8, 11, "Managing Local Government Cybersecurity (ICMA report)", "ICMA", "reading", "1.5", (11,),
          "I read the report and its survey results, marked the practices we lacked, and shared an annotated "
          "copy with the IT manager and the finance director before our technology budget meeting. "
          "The report became the basis for our technology budget priorities.",
          "Most attacks succeed through ordinary staff accounts, so training matters more than new tools. We "
          "made phishing training annual and mandatory for every employee with an email account."),
    DemoItem(8, 25, "Site visit: Fort Collins 311 and customer service center", "City of Fort Collins", "exchange",
          "4", (9, 10, 11),
          "I led a team of four staff on a half-day visit to the Fort Collins service center, observed call "
          "handling, and met their customer service manager to discuss their request tracking software. "
          "Our team wrote a two-page trip report for the department heads.",
          "A single front door for residents only works if every department closes requests in the same system. "
          "We chose to pilot one request tracker for public works and parks before buying anything bigger."),
    DemoItem(9, 27, "ICMA Annual Conference", "ICMA", "conference", "15", (6, 2, 13, 14),
          "I attended four days of the Annual Conference, went to eight educational sessions, the Coaching "
          "Program corner and the affiliate meetings, and took notes for a report to the council afterwards. "
          "I gave that report at the council's October work session.",
          "The session on workforce housing showed cities using public land for employee rentals. I asked our "
          "housing committee to study two city-owned parcels, and the council funded a feasibility study.",
          days=4, challenge="annual-conference"),
    DemoItem(9, 28, "ICMA University workshop: Leading Organizational Change", ICMAU, "workshop", "3.5", (6, 4),
          "I took part in the half-day pre-conference workshop, worked through the change-readiness assessment "
          "with a table of five managers, and drafted a change plan for our permitting reorganisation. "
          "I presented the plan to our department heads the following week.",
          "Change fails when people hear the what without the why. For the permitting reorganisation I held "
          "listening sessions with each affected team before announcing any structure, and resistance dropped.",
          challenge="icmau-workshop"),
    DemoItem(10, 12, "Mentoring an ELDP participant (sessions 4-6)", "ICMA Emerging Leaders Development Program",
          "mentoring", "2", (4, 13),
          "I continued monthly mentoring calls with my ELDP mentee, reviewed the draft of her capstone report, "
          "and introduced her to the library director who had run a similar volunteer programme. "
          "Each call lasted about forty minutes.",
          "Connecting a mentee to the right person is often worth more than my own advice. I now keep a short "
          "list of peers I can introduce, and I used it with two of my own staff this year.",
          mentoring=ELDP_MENTEE),
    DemoItem(10, 26, "Housing Affordability Tools for Local Governments", "Lincoln Institute of Land Policy",
          "webinar", "1.5", (8, 9),
          "I attended the live webinar and its question period, then circulated the slides with a short note to "
          "the planning director and the housing committee chair. "
          "The chair put the topic on the committee's next agenda.",
          "Inclusionary zoning works best with predictable, published incentives that developers can count on. "
          "Our planning director drafted a density-bonus schedule that the planning commission is now reviewing."),
    DemoItem(11, 9, "Performance Measurement That Matters", "Colorado State University Extension", "workshop",
          "3", (10, 12),
          "I attended the afternoon workshop with our performance analyst, and we rebuilt two of our public works "
          "measures during the exercises on outcome versus output indicators. "
          "We presented the revised measures to the public works director.",
          "We reported how many potholes we filled rather than how long residents waited. We changed the measure "
          "to days from report to repair, and response times became a regular council dashboard item."),
    DemoItem(11, 21, "Dare to Lead (Brené Brown)", "Random House", "reading", "3", (5, 4),
          "I read the book and worked through its values exercise, then discussed the chapter on feedback with "
          "my executive assistant and the assistant city manager over two lunches. "
          "I kept a short journal of the exercises.",
          "Being clear is kind; being unclear is unkind. I now end every performance conversation by asking the "
          "employee to restate the expectation in their own words, which has ended several misunderstandings."),
    DemoItem(12, 2, "Labor Negotiations Fundamentals", "Colorado Municipal League", "webinar", "1.5", (13,),
          "I attended the webinar ahead of our police bargaining season, and I took notes on interest-based "
          "bargaining that I shared with the human resources director. "
          "The director and I used them to prepare our bargaining ground rules.",
          "Interest-based bargaining depends on sharing the same financial data with the union early. We gave the "
          "union our five-year forecast before the first session, and talks opened on a more cooperative footing."),
    DemoItem(12, 5, "Mentoring an MPA intern (fall semester)", INTERNSHIP, "mentoring", "4", (4, 13),
          "I met my intern, an MPA student who joined the city manager's office in June and stayed on through her "
          "last academic year, every two weeks to review her assignments and the council agenda items she drafted. "
          "Between meetings she shadowed me at two council work sessions.",
          "An intern learns most from explaining her own recommendation to a decision maker. I now ask her to brief "
          "me on each agenda item she drafts, and I do the same with our junior analysts.",
          mentoring=MPA_INTERN),
    DemoItem(12, 10, "AI Tools in Local Government: Opportunities and Risks", ICMAU, "webinar", "1", (11, 14, 1),
          "I joined the live webinar and its discussion of city policies on generative AI, and afterwards asked "
          "our IT manager and city attorney to review two sample policies with me. "
          "We met twice in December to compare the policies with our needs.",
          "Staff are already using AI tools whether or not we have a policy. We adopted an interim policy on "
          "what data may never be entered into public AI tools, and trained department heads on it."),
    DemoItem(12, 15, "Mentoring an ELDP participant (final session)", "ICMA Emerging Leaders Development Program",
          "mentoring", "1.5", (4, 13),
          "I attended my mentee's capstone presentation online, gave written feedback on her recommendations, "
          "and held a closing conversation with her about her next career steps and applications. "
          "This closed a year of monthly mentoring.",
          "Watching her present showed how much confidence grows from owning a real project. I now give each "
          "of our management fellows a project of their own from the start of their fellowship.",
          mentoring=ELDP_MENTEE),
]

THIS_YEAR: list[DemoItem] = [
    DemoItem(1, 15, "Council-Manager Relations After an Election", ICMAU, "webinar", "1.5", (8, 14),
          "I attended the live webinar a week after our municipal election and took part in the chat discussion "
          "on onboarding council members who campaigned against the current budget. "
          "I shared the recording with the city clerk and the assistant city manager.",
          "New council members need to hear the reasons behind past decisions before they are asked to vote on "
          "new ones. I scheduled one-on-one history briefings with each new member before the February retreat.",
          challenge="icmau-webinar"),
    DemoItem(1, 29, "Thinking in Systems (Donella Meadows)", "Chelsea Green", "reading", "1.5", (6, 7),
          "I read the book in preparation for our strategic plan update and led a discussion of its chapter on "
          "leverage points with the department heads at our January retreat. "
          "I prepared three questions for the discussion in advance.",
          "Delays in feedback loops explain many of our recurring crises, such as staffing shortages that appear "
          "years after a hiring freeze. We now show five-year staffing trends alongside each budget request."),
    DemoItem(2, 12, "Coaching a new assistant city manager", "ICMA Coaching Program", "coaching-given", "1",
          (4, 13),
          "I coached an assistant city manager from another Colorado town through the ICMA Coaching Program, in "
          "two video calls focused on her first council budget presentation. "
          "Before each call she sent me her draft slides.",
          "Good coaching starts from the other person's goal, not mine. I kept a short agenda she set herself, "
          "and I now use the same approach in my own one-on-ones with department heads.",
          mentoring=COACHED_MANAGER),
    DemoItem(2, 26, "Data-Driven Decision Making for Local Government", ICMAU, "e-course", "2", (11, 10),
          "I completed the self-paced course over three weeks, including the exercises on building simple "
          "dashboards from service request data, and shared my practice dashboard with our analyst. "
          "Each module ended with a short practical assignment.",
          "A dashboard is only useful if someone is responsible for acting on each measure. We assigned an owner "
          "to every measure on our public works dashboard and review them monthly with the director."),
    DemoItem(3, 4, "ICMA Code of Ethics with Guidelines (annual review)", "ICMA", "reading", "0.5", (1,),
          "I reread the Code of Ethics and its guidelines, as I do each spring, and marked the guidelines that "
          "bear on this year's issues: our election, a land sale, and a departing department head. "
          "I shared my notes with the assistant city manager.",
          "The guideline on public confidence covers appearances as well as facts. Before the land sale reached "
          "the council I disclosed that a former colleague works for the buyer's firm and stepped back from it.",
          topics=("ethics",)),
    DemoItem(3, 11, "CCCMA Winter Conference", CCCMA, "conference", "4", (2, 14, 1),
          "I attended two days of the state association conference in Colorado Springs and served on the panel "
          "on ethics in a small town, where I spoke about managing conflicts of interest on volunteer boards. "
          "I also attended sessions on water rights and on recruitment.",
          "Preparing the panel made me realise our volunteer boards had no conflict-of-interest training. We now "
          "brief every new board member on disclosure rules in their first meeting.",
          days=2),
    DemoItem(3, 25, "Budgeting for Outcomes", "Government Finance Officers Association (GFOA)", "webinar", "1.5",
          (12,),
          "I attended the live session with our finance director and the budget analyst, then spent an hour "
          "with them mapping our current program budget to the outcome categories presented. "
          "The analyst turned the map into a draft for the budget book.",
          "Outcome budgeting asks what residents receive, not what departments spend. We piloted outcome "
          "categories for parks and recreation in this year's budget book, and the council asked for more."),
    DemoItem(3, 27, "Mentoring an MPA intern (January to March)", INTERNSHIP, "mentoring", "4.5", (4, 13, 12),
          "I continued the meetings every two weeks with our MPA intern, coaching her through her first budget "
          "analysis for the parks department and her presentation of it to the finance committee. "
          "We also mapped out the courses for her last semester.",
          "Letting her present to the committee herself built more confidence than any advice of mine. I now give "
          "each intern one piece of work that carries their own name to the council or a committee.",
          mentoring=MPA_INTERN_THIS_YEAR),
    DemoItem(4, 15, "Inclusive Hiring Practices", "Colorado Municipal League", "workshop", "2.5", (3, 13),
          "I took part in the workshop with our human resources director and two hiring managers, reviewing our "
          "own job postings against the checklist during the exercise portion. "
          "We left with a list of postings to revise.",
          "Requirements we thought were essential, such as a degree for maintenance supervisors, were excluding "
          "strong candidates. We rewrote six job descriptions around skills, and applications doubled.",
          topics=("equity",)),
    DemoItem(4, 29, "Panelist: Emerging Leaders career panel", CCCMA, "teaching", "1.5", (4, 14),
          "I prepared remarks and served on a panel for early-career staff from member cities, speaking about "
          "the path from budget analyst to city manager and answering questions for forty minutes. "
          "Afterwards I met three participants who asked for follow-up conversations.",
          "The questions showed that young professionals rarely see how managers spend their day. I started "
          "inviting one of our analysts to shadow me for a day each quarter.",
          delivery="1.5"),
    DemoItem(5, 13, "Broadband Deployment Models (Governing)", "Governing", "reading", "1", (11, 9),
          "I read a series of four Governing articles on municipal broadband partnerships and summarised the "
          "three main options in a memo for our council's technology subcommittee. "
          "The memo went to the subcommittee in May.",
          "Open-access networks let a city own the fibre without becoming an internet provider. The subcommittee "
          "asked for a cost estimate of an open-access model for our downtown district."),
    DemoItem(5, 15, "Mentoring an MPA intern (closing meetings)", INTERNSHIP, "mentoring", "3", (4, 13),
          "In our last meetings before her graduation we reviewed her capstone on public engagement, practised "
          "interviews for assistant-to-the-manager posts, and wrote down what the internship had taught her. "
          "She has since accepted a management fellowship.",
          "A mentoring relationship should end with a clear look back as well as forward. We closed with a written "
          "summary of her progress, which she used in her applications and I used to improve our internship.",
          mentoring=MPA_INTERN_THIS_YEAR),
    DemoItem(5, 27, "Ethics in the Age of Social Media", ICMAU, "webinar", "1", (1, 14),
          "I attended the live webinar and took part in the discussion of case studies on staff commenting on "
          "local issues in their personal social media accounts, taking notes for our policy review. "
          "I brought two of the cases to our department-head meeting.",
          "Our social media policy did not distinguish personal from official accounts. I worked with the city "
          "attorney on a revision that gives staff clear examples of what is and is not allowed.",
          challenge="icmau-webinar",
          topics=("ethics",)),
    DemoItem(6, 3, "The Manager as Convener (PM Magazine)", "ICMA Public Management (PM) Magazine", "reading",
          "0.75", (2, 14),
          "I read the PM Magazine feature and the two case studies that accompanied it, and shared them with our "
          "communications manager ahead of the planning of our neighbourhood listening tour. "
          "We used its checklist to plan the tour.",
          "A manager's convening power is strongest before positions harden. We scheduled the listening tour "
          "before the parks bond was drafted, so residents shaped the list of projects instead of reacting to it."),
    DemoItem(6, 24, "Coaching a new assistant city manager (follow-up)", "ICMA Coaching Program",
          "coaching-given", "1", (4, 13),
          "I held a follow-up coaching call to review how her budget presentation went and to plan for her "
          "first labour negotiation, sharing our own bargaining timeline as an example. "
          "She had sent me the council's feedback in advance.",
          "Reflecting on a success is as useful as reviewing a failure. We ended the call with three things she "
          "would repeat, a habit I now also use in our own after-action reviews.",
          mentoring=COACHED_MANAGER),
    DemoItem(7, 15, "Asset Management for Water Utilities", "Rural Community Assistance Partnership (RCAP)",
          "workshop", "1.5", (10, 12),
          "I attended the online workshop with our utilities superintendent and worked on a risk matrix for our "
          "oldest water mains during the exercise, which we finished together the following week. "
          "The superintendent presented the result to the utility board.",
          "Rating assets by both likelihood and consequence of failure changes replacement priorities. Our "
          "capital plan now replaces the mains under the hospital route first, ahead of older low-risk pipes."),
    DemoItem(7, 29, "Heat Action Planning for Local Governments", "National League of Cities", "webinar", "1",
          (9, 10),
          "I attended the live webinar with our emergency manager and parks director, and we compared the "
          "cooling-centre practices presented with our own summer operations plan afterwards. "
          "We wrote up three changes for the summer operations plan.",
          "Cooling centres only help if people can reach them. We extended library hours on heat-advisory days "
          "and arranged free rides on the senior shuttle, and visits doubled during the July heat wave."),
    DemoItem(8, 12, "Community Engagement Beyond the Public Hearing", "National Civic League", "webinar", "1.5",
          (2, 3, 9),
          "I attended the live webinar with our communications manager and collected the examples of pop-up "
          "engagement at farmers markets and school events to adapt for our parks master plan. "
          "We chose three neighbourhood events to try the approach.",
          "Public hearings hear from the same few voices. We held pop-up sessions at three neighbourhood events "
          "for the parks master plan and heard from over two hundred residents who had never attended a meeting."),
    DemoItem(9, 9, "Managing Through Fiscal Uncertainty", ICMAU, "webinar", "1.5", (12, 6),
          "I attended the live webinar and afterwards worked through its revenue-scenario exercise for our own "
          "general fund with the finance director, using the last three years of sales-tax receipts. "
          "The scenarios went into the budget message for the council.",
          "Reserves policies should name the triggers for using them before a downturn arrives. We proposed a "
          "reserve policy with explicit triggers, which the council adopted with the budget.",
          challenge="icmau-webinar"),
    DemoItem(9, 23, "Procurement Ethics and Vendor Relations (on demand)", ICMAU, "webinar", "0.75", (1, 12),
          "I watched the on-demand webinar before our annual procurement training and used two of its case "
          "studies, lightly adapted, in the session I led for purchasing staff and department heads. "
          "About thirty staff attended the session.",
          "Small favours from vendors create obligations long before anyone notices. We added a simple rule to our "
          "purchasing manual: no meals or gifts of any value from a vendor with an open solicitation.",
          topics=("ethics",)),
    DemoItem(10, 4, "ICMA Annual Conference", "ICMA", "conference", "8", (6, 2, 13, 14),
          "I attended the Annual Conference, including six educational sessions, the Legacy Leaders breakfast "
          "and the state association luncheon, and I volunteered at the Coaching Program corner for an hour. "
          "Afterwards I wrote a one-page summary for the council.",
          "The session on four-day work weeks presented evidence from cities that kept service levels steady. I "
          "asked our human resources director to design a pilot for the development services department.",
          days=4, challenge="annual-conference"),
    DemoItem(10, 22, "Trauma-Informed Leadership", "Colorado Municipal League", "webinar", "1", (5, 13),
          "I joined the webinar with our police chief after a difficult year for first responders, and we "
          "discussed which of the practices we could adopt in our own departments. "
          "The chief and I agreed on a follow-up with the fire chief.",
          "Recovery time after a critical incident is a management decision, not a personal weakness. We "
          "adopted a peer-support debrief after critical incidents for police, fire and dispatch staff."),
    DemoItem(10, 29, "Long-Term Financial Forecasting (Government Finance Review)", "Government Finance Officers "
          "Association (GFOA)", "reading", "0.5", (12, 7),
          "I read the Government Finance Review article on long-term forecasting and its worked example, then "
          "compared its assumptions with the ones in our own ten-year forecast with the finance director. "
          "We spent an hour on it at our weekly budget meeting.",
          "Our forecast assumed a constant growth rate in sales tax, which hides the risk of a downturn. We now "
          "present a low, a middle and a high case to the council, each with its assumptions stated."),
    DemoItem(11, 6, "Leading Hybrid Teams", ICMAU, "webinar", "1.5", (4, 11, 13),
          "I attended the live webinar with the assistant city manager and then compared its recommendations to "
          "our telework policy, item by item, at our next department-head meeting. "
          "The department heads agreed to set shared office days.",
          "Hybrid teams need agreed norms about which work happens together. Each department now publishes its "
          "in-office days, and I hold my staff meeting on a day everyone is on site."),
    DemoItem(11, 16, "Facilitation Skills for Council Retreats", "National Civic League", "workshop", "2",
          (8, 14),
          "I attended the afternoon workshop with two colleagues from neighbouring towns, practising agenda "
          "design and the facilitation of priority-setting exercises in small groups with a trained observer. "
          "I left with a draft agenda for our own retreat.",
          "A retreat needs an outside facilitator when the manager's own proposals are on the table. I arranged "
          "a neutral facilitator for our January goal-setting retreat so I can take part as a participant."),
    DemoItem(12, 3, "Pension Funding Strategies", "Government Finance Officers Association (GFOA)", "webinar",
          "1.5", (12,),
          "I attended the live webinar with our finance director ahead of the pension board meeting and asked "
          "about amortisation periods for plans with a shrinking active membership. "
          "I summarised the options for the pension board.",
          "Shortening the amortisation period costs more now but far less over twenty years. We asked our "
          "actuary to model a fifteen-year schedule for the pension board's January meeting.",
          plan="Registered for the live webinar with our finance director ahead of the pension board meeting."),
    DemoItem(12, 10, "Coaching a new assistant city manager (year-end session)", "ICMA Coaching Program",
          "coaching-given", "1.5", (4, 13),
          "I held a year-end coaching session with the assistant city manager I coach, reviewing her goals for "
          "the year and helping her draft her own professional development plan for next year. "
          "We met in person for the first time.",
          "Writing goals down with a date makes them real. She left with three dated goals, and I realised my "
          "own plan needed the same discipline, so I set dates for each of my short-term goals.",
          plan="A year-end session with the assistant city manager I coach, to review her goals for next year.",
          mentoring=COACHED_MANAGER),
]

NEXT_YEAR_PLANNED: list[DemoItem] = [
    DemoItem(6, 9, "Gettysburg Leadership Institute", "ICMA and the Gettysburg Foundation", "leadership institute",
          "18", (6, 1, 5),
          "Accepted into the three-day institute; I plan to take part in the battlefield staff rides and the "
          "small-group discussions on leadership under pressure.", "", days=3, challenge="gettysburg"),
    DemoItem(1, 20, "Local Government Leadership in an Election Year", ICMAU, "webinar", "1.5", (8, 1),
          "Registered for the live webinar on managing council relations in an election year.", "",
          challenge="icmau-webinar"),
    DemoItem(3, 18, "CCCMA Winter Conference", CCCMA, "conference", "8", (2, 6, 14),
          "Registered for the state association conference; I plan to attend the sessions on housing and on "
          "public safety staffing.", "", days=2),
    DemoItem(5, 12, "ICMA Mountain Plains Regional Summit", "ICMA", "conference", "7", (5, 6),
          "Planning to attend the regional summit with our assistant city manager.", "", days=2,
          challenge="regional-summit"),
]

# An ethics webinar a few weeks before the demo's today, in the Florida association's year that holds today (demo.py
# dates it): one activity that counts toward ICMA's Tenet 8 and FCCMA's ethics hours at once, so the dashboard and
# the Requirements page show both counting it, and the Florida year under way has some ethics hours.
RECENT_ETHICS = DemoItem(
    10, 1, "FCCMA Ethics Webinar: Ethical Decision-Making for Managers",
    "Florida City and County Management Association (FCCMA)", "webinar", "2", (1, 8),
    "I attended the live two-hour webinar the Florida association runs each fall for members out of state, and "
    "worked through its three case studies on post-employment restrictions, gifts and political activity with the "
    "other participants in a breakout room. I kept the handout with the state's rules for my files.",
    "A decision can follow every rule and still look wrong to residents, so I should ask how it would read in the "
    "paper before I sign it. I added that question to the checklist our department heads use for contract "
    "approvals.",
    topics=("ethics",))
