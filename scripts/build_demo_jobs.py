#!/usr/bin/env python3
"""Builds the demo job catalogue (core/data/demo_jobs.jsonl) from O*NET data.

Inputs: O*NET occupation_data.tsv and technology_skills.tsv (CC BY 4.0, see core/data/NOTICE.md),
core/data/skills.tsv (canonical skill names) and core/data/title_aliases.tsv (curated modern
titles with their nearest O*NET occupations). The output is deterministic (same inputs, same
bytes: one seeded RNG, used in a fixed order), LF-terminated, and committed, so the library and its
tests do not need the O*NET files.

    python3 scripts/build_demo_jobs.py [--onet DIR] [--out FILE] [--report]

Output: JSON Lines, one posting per line, with exactly the Job fields an import accepts
(docs: api-v2.md §4.1/§4.2): title, company, location, remote, url (null), source ("demo"),
description, required_skills, preferred_skills, tags, salary_min, salary_max, salary_currency
("USD"), employment_type, experience_level, posted_date.

Two kinds of postings: those of O*NET occupations (PLAN and pick_singles), and those of the
curated modern titles ("Backend Developer", "Data Engineer", ...; ROLES).

What comes from O*NET: the occupations, their titles (made singular and split at "and", as in
build_taxonomy.py), the duties in the description of an occupation's posting (O*NET's description
rephrased), and the skills (the technology examples of the occupation, or of the occupations of a
curated title, shown by their canonical names in skills.tsv; O*NET's In Demand and Hot Technology
flags make a skill more likely). What is invented: companies, locations, salaries, employment
types, dates, years of experience, education lines, the duties of the curated titles and which of
their occupations' skills fit them (tables below).
"""

import argparse
import collections
import datetime
import json
import os
import random
import re
import sys

import build_taxonomy as taxonomy  # read_tsv, read_curated, clean, fold, title_variants

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_ONET = os.path.join(REPO, "..", "shared", "datasets", "onet")
DEFAULT_OUT = os.path.join(REPO, "core", "data", "demo_jobs.jsonl")
SKILLS = os.path.join(REPO, "core", "data", "skills.tsv")
TITLE_ALIASES = os.path.join(REPO, "core", "data", "title_aliases.tsv")

SEED = 20261201
TARGET = 500  # postings for O*NET occupations (PLAN and singles); ROLES come on top
LAST_DAY = datetime.date(2026, 12, 1)  # postings are dated 1..60 days before this day
MAX_BYTES = 1_500_000

# ---------------------------------------------------------------------------------------------
# Which occupations, how many postings, at which levels.
#
# One row per occupation: O*NET-SOC code, then one letter per posting (E entry, M mid, S senior,
# L lead, X executive), then optionally '|'-separated titles to use instead of the derived ones
# (postings cycle through the titles), then optionally 'E=...;L=...' full titles for a level.
# Titles are otherwise derived from the O*NET title (taxonomy.title_variants: "Accountants and
# Auditors" -> "Accountant", "Auditor"). Every occupation with technology examples that is not
# listed here may be picked for one posting (see pick_singles).

PLAN = """
# software, data, IT
15-1252.00 EMS       Software Developer
15-1254.00 EMSL      Web Developer
15-2051.00 EMSL      Data Scientist
15-1212.00 EMSL      Information Security Analyst
15-1232.00 EMS       IT Support Specialist|Help Desk Technician
15-1244.00 EMS       Network Administrator|Systems Administrator
15-1242.00 MS        Database Administrator
15-1243.00 SL        Database Architect
15-1253.00 MS        Software Quality Assurance Analyst|QA Tester
15-2051.01 MS        Business Intelligence Analyst
15-1211.00 MS        Computer Systems Analyst
15-1299.09 MS        IT Project Manager
15-1255.00 MS        Web Designer|UX/UI Designer
15-1241.00 SL        Computer Network Architect
15-1299.08 MS        Systems Engineer|Solutions Architect
15-1231.00 EM        Network Support Specialist
15-1299.05 MS        Information Security Engineer
15-1299.02 EM        GIS Technician
15-2041.00 MS        Statistician
15-2031.00 M         Operations Research Analyst
15-1299.07 M         Blockchain Engineer
15-1251.00 MS        Computer Programmer
15-1221.00 S         Computer and Information Research Scientist
11-3021.00 SL        IT Manager|Information Systems Manager  L=Head of IT
# finance and accounting
13-2011.00 EMSL      Accountant|Auditor|Accountant|Auditor  E=Staff Accountant
13-2051.00 EMS       Financial Analyst|Investment Analyst
43-3031.00 EM        Bookkeeper|Accounting Clerk
11-3031.00 MS        Financial Manager|Finance Manager
11-3031.01 MS        Controller  M=Assistant Controller;S=Controller
13-2072.00 MS        Loan Officer
13-2052.00 M         Personal Financial Advisor
13-2054.00 M         Financial Risk Specialist|Risk Analyst
43-3051.00 EM        Payroll Clerk
13-2031.00 M         Budget Analyst
13-2082.00 EM        Tax Preparer
13-2041.00 M         Credit Analyst
43-3071.00 EM        Bank Teller
13-2053.00 M         Insurance Underwriter
13-1031.00 EM        Claims Adjuster|Claims Examiner
41-3031.00 M         Financial Services Sales Agent
# human resources
13-1071.00 EMSL      Human Resources Specialist|Recruiter|HR Generalist|Recruiter
11-3121.00 MS        Human Resources Manager
13-1141.00 M         Compensation Specialist|Benefits Specialist
43-4161.00 EM        Human Resources Assistant
13-1151.00 M         Training and Development Specialist
11-3111.00 S         Compensation and Benefits Manager
11-3131.00 M         Training and Development Manager
# sales, marketing, customer service, PR
13-1161.00 EMSL      Marketing Specialist|Market Research Analyst
11-2021.00 MS        Marketing Manager
11-2022.00 MS        Sales Manager
41-4012.00 EMSL      Sales Representative  L=Key Account Manager
41-4011.00 M         Technical Sales Representative
41-2031.00 EM        Retail Sales Associate
13-1161.01 M         Search Marketing Strategist|SEO Specialist
41-9031.00 M         Sales Engineer
41-1011.00 M         Retail Store Supervisor|Store Manager
41-3021.00 EM        Insurance Sales Agent
41-9022.00 EM        Real Estate Sales Agent
43-4051.00 EMS       Customer Service Representative
27-3031.00 EM        Public Relations Specialist
11-2032.00 M         Public Relations Manager
11-2011.00 M         Advertising and Promotions Manager
41-3011.00 M         Advertising Sales Agent
41-3091.00 EM        Business Development Representative|Account Executive
# healthcare
29-1141.00 EMSL      Registered Nurse  E=New Graduate Registered Nurse;L=Charge Nurse
29-2061.00 EM        Licensed Practical Nurse
31-9092.00 EMS       Medical Assistant
29-1171.00 MS        Nurse Practitioner
29-1051.00 MS        Pharmacist
29-2052.00 EM        Pharmacy Technician
29-1123.00 MS        Physical Therapist
29-1215.00 MS        Family Medicine Physician
11-9111.00 MS        Health Services Manager|Practice Manager
29-2072.00 EM        Medical Records Specialist|Medical Coder
29-2034.00 EM        Radiologic Technologist
29-1292.00 M         Dental Hygienist
31-1131.00 EM        Nursing Assistant
29-2011.00 MS        Medical Laboratory Technologist
43-6013.00 M         Medical Secretary
29-1127.00 M         Speech-Language Pathologist
29-1122.00 M         Occupational Therapist
29-2042.00 M         Emergency Medical Technician
31-9091.00 E         Dental Assistant
29-1031.00 M         Dietitian
29-2099.08 M         Patient Representative|Patient Advocate
29-9021.00 M         Health Information Technologist
# education
25-2021.00 EMS       Elementary School Teacher
25-2031.00 EMS       High School Teacher
25-2022.00 MS        Middle School Teacher
25-2011.00 EM        Preschool Teacher
25-3041.00 EM        Tutor
25-9031.00 MS        Instructional Coordinator|Instructional Designer
25-1021.00 S         Computer Science Lecturer
11-9032.00 M         School Principal
25-2056.00 M         Special Education Teacher
25-9042.00 EM        Teaching Assistant
25-3011.00 M         ESL Instructor
25-4022.00 M         Librarian
# engineering and architecture
17-2141.00 EMSL      Mechanical Engineer
17-2051.00 EMSL      Civil Engineer
17-2071.00 EMSL      Electrical Engineer
17-2112.00 M         Industrial Engineer
17-2011.00 M         Aerospace Engineer
17-2061.00 M         Computer Hardware Engineer
17-2041.00 M         Chemical Engineer
17-2081.00 M         Environmental Engineer
11-9041.00 SL        Engineering Manager  L=Head of Engineering
17-1011.00 EMS       Architect  E=Junior Architect
17-3011.00 EM        Architectural Drafter|Civil Drafter
17-2112.03 M         Manufacturing Engineer
17-2199.08 M         Robotics Engineer
17-3023.00 EM        Electrical Engineering Technician
17-2072.00 M         Electronics Engineer
17-2112.02 M         Validation Engineer
17-2141.02 M         Automotive Engineer
17-1022.00 M         Surveyor
17-2031.00 M         Biomedical Engineer
# design, media, writing
27-1024.00 EMSL      Graphic Designer
27-1011.00 SL        Art Director
27-1014.00 M         Animator|Special Effects Artist
27-1025.00 MS        Interior Designer
27-1022.00 M         Fashion Designer
27-3042.00 M         Technical Writer
27-3041.00 M         Editor
27-3043.00 EM        Content Writer|Copywriter
27-4032.00 EM        Video Editor
27-4021.00 EM        Photographer
27-2012.00 M         Producer
27-3023.00 M         Reporter
27-1021.00 M         Industrial Designer
15-1255.01 M         Video Game Designer
27-4011.00 E         Audio and Video Technician
# construction and trades
47-2111.00 EMSL      Electrician
47-2152.00 EMS       Plumber|Pipefitter
47-2031.00 EMS       Carpenter
11-9021.00 MS        Construction Manager|Construction Project Manager
47-1011.00 M         Construction Supervisor|Site Foreman
13-1051.00 M         Cost Estimator
47-4011.00 M         Building Inspector
49-9021.00 EMS       HVAC Technician
51-4121.00 EMS       Welder
47-2073.00 M         Construction Equipment Operator
47-2061.00 E         Construction Laborer
47-2181.00 M         Roofer
47-2231.00 E         Solar Photovoltaic Installer
47-2141.00 M         Painter
# hospitality and food
35-1011.00 EMSL      Chef  E=Commis Chef;M=Sous Chef;S=Chef de Cuisine;L=Executive Chef
35-2014.00 EM        Line Cook
11-9051.00 MS        Restaurant Manager|Food Service Manager
35-1012.00 M         Kitchen Supervisor
11-9081.00 M         Hotel Manager
43-4081.00 EM        Hotel Front Desk Agent
35-3011.00 M         Bartender
35-3031.00 E         Server
51-3011.00 M         Baker
13-1121.00 MS        Event Planner|Meeting Planner
39-7011.00 M         Tour Guide
35-3023.01 E         Barista
# transport, aviation, logistics
53-2011.00 MSL       Airline Pilot  M=First Officer;S=Airline Captain;L=Chief Pilot
53-2012.00 MS        Commercial Pilot
49-3011.00 EMS       Aircraft Mechanic|Aircraft Maintenance Technician
53-2021.00 MS        Air Traffic Controller
53-2031.00 EM        Flight Attendant
53-2022.00 M         Airfield Operations Specialist
53-3032.00 EMS       Truck Driver|CDL Truck Driver
13-1081.00 M         Logistician|Logistics Coordinator
13-1081.02 M         Logistics Analyst
11-3071.00 M         Distribution Manager|Transportation Manager
11-3071.04 M         Supply Chain Manager
43-5011.00 M         Freight Agent
43-5032.00 EM        Dispatcher
53-7065.00 E         Warehouse Associate
53-7051.00 E         Forklift Operator
43-5071.00 E         Shipping and Receiving Clerk
49-3023.00 EMS       Automotive Service Technician
49-3031.00 MS        Diesel Mechanic
53-6051.01 M         Aviation Inspector
49-2091.00 M         Avionics Technician
53-1043.00 M         Warehouse Supervisor
# legal and compliance
23-1011.00 EMSL      Lawyer|Attorney  E=Associate Attorney;L=Lead Counsel
23-2011.00 EMS       Paralegal|Legal Assistant
43-6012.00 EM        Legal Secretary
23-1012.00 E         Judicial Law Clerk
11-9199.02 M         Compliance Manager
13-1041.00 M         Compliance Officer
23-2093.00 M         Title Examiner
23-1022.00 M         Mediator
# agriculture, forestry, food science
11-9013.00 MS        Farm Manager|Ranch Manager
19-1013.00 M         Agronomist|Soil Scientist
19-4012.00 EM        Agricultural Technician
45-2091.00 E         Agricultural Equipment Operator
45-2092.00 E         Farmworker
45-1011.00 M         Farm Supervisor
19-1011.00 M         Animal Scientist
45-2011.00 M         Agricultural Inspector
19-1012.00 M         Food Scientist
17-2021.00 M         Agricultural Engineer
19-4012.01 M         Precision Agriculture Technician
19-1032.00 M         Forester
37-3011.00 E         Landscaper
# office and administration, operations
43-6014.00 EMS       Administrative Assistant
43-6011.00 MS        Executive Assistant
43-9061.00 EM        Office Clerk
43-4171.00 EM        Receptionist
43-1011.00 M         Office Manager
13-1082.00 MS        Project Coordinator|Project Manager|Project Manager
13-1111.00 MS        Management Analyst|Management Consultant
11-1021.00 MS        Operations Manager|General Manager
11-1011.00 X         Chief Executive Officer
43-9021.00 EM        Data Entry Clerk
13-1023.00 M         Purchasing Agent|Buyer
11-3061.00 M         Purchasing Manager
13-1022.00 M         Retail Buyer
11-3012.00 M         Administrative Services Manager
# science
19-2031.00 EM        Chemist
19-1042.00 M         Medical Scientist
19-3011.00 M         Economist
19-1021.00 M         Biochemist
19-2041.00 EM        Environmental Scientist
19-4099.01 EM        Quality Control Analyst
19-5011.00 M         Occupational Health and Safety Specialist|EHS Specialist
19-3051.00 M         Urban Planner
19-4021.00 E         Biological Technician
11-9121.01 EM        Clinical Research Coordinator
# social and community services
21-1014.00 MS        Mental Health Counselor
21-1021.00 M         Child and Family Social Worker
21-1022.00 M         Healthcare Social Worker
21-1012.00 M         School Counselor
21-1093.00 E         Case Aide
21-1094.00 E         Community Health Worker
# protective services
33-9032.00 EM        Security Officer
33-3051.00 E         Police Officer
33-3021.06 M         Intelligence Analyst
33-9021.00 M         Private Investigator
# personal care, fitness, recreation
39-9031.00 EMS       Personal Trainer|Group Fitness Instructor
39-5012.00 M         Hairstylist
39-9011.00 E         Childcare Worker
39-2021.00 E         Animal Caretaker
11-9179.01 M         Fitness and Wellness Coordinator
31-9011.00 M         Massage Therapist
27-2022.00 M         Coach
29-9091.00 M         Athletic Trainer
# production and maintenance
51-4041.00 EM        Machinist
51-1011.00 M         Production Supervisor
51-9061.00 EM        Quality Inspector
51-2092.00 E         Assembler
51-9161.00 EM        CNC Machine Operator
51-9162.00 M         CNC Programmer
11-3051.00 M         Production Manager|Plant Manager
11-3051.01 M         Quality Manager
51-6052.00 M         Tailor
51-8031.00 M         Water Treatment Plant Operator
51-4111.00 M         Tool and Die Maker
49-9041.00 M         Industrial Machinery Mechanic|Maintenance Technician
49-9071.00 EM        Maintenance and Repair Worker
49-9081.00 M         Wind Turbine Technician
49-2098.00 M         Security Systems Installer
49-2022.00 M         Telecommunications Technician
51-5112.00 M         Printing Press Operator
"""

# Titles for occupations picked automatically whose derived title reads badly.
TITLE_FIX = {
    "13-1199.06": "E-commerce Specialist",
    "13-2023.00": "Real Estate Appraiser",
    "25-1121.00": "Art Instructor",
    "29-1222.00": "Pathologist",
    "35-3023.00": "Fast Food Crew Member",
    "43-5061.00": "Production Planning Clerk",
    "49-1011.00": "Maintenance Supervisor",
    "49-2011.00": "Computer Repair Technician",
    "49-9012.00": "Control and Valve Technician",
    "51-8012.00": "Power Dispatcher",
}

# Occupations never picked automatically: vague, military, or awkward as a posting.
EXCLUDE = set(
    """11-1031.00 11-9131.00 13-1041.06 19-3039.02 19-3039.03 21-2011.00 21-2021.00 27-2021.00
    27-2023.00 39-3012.00 41-2012.00 41-9012.00 41-9091.00 45-4021.00 47-5081.00 51-9198.00
    53-6011.00 33-9094.00 53-3011.00 31-1132.00 39-4012.00""".split()
)

# Single postings per major group after PLAN (weights for pick_singles: white-collar and skilled
# trades first). Groups missing here get no extra postings.
SINGLE_WEIGHTS = {
    "11": 6, "13": 5, "15": 6, "17": 7, "19": 6, "21": 2, "23": 1, "25": 4, "27": 4, "29": 8,
    "31": 2, "33": 2, "35": 1, "39": 2, "41": 2, "43": 4, "45": 1, "47": 4, "49": 5, "51": 5,
    "53": 3,
}

# ---------------------------------------------------------------------------------------------
# Curated modern titles (title_aliases.tsv rows whose alias is the canonical title, with the
# O*NET-SOC codes of their nearest occupations). O*NET's occupation titles alone miss what people
# search for ("Backend Developer", "Data Engineer", "SRE"), so each of these titles gets postings
# of its own: skills from the technology examples O*NET lists for its occupations, and duties
# written for the title (O*NET's description of "Software Developers" fits a backend developer and
# an iOS developer alike). Curated titles that PLAN already posts under the same name
# (Systems Engineer, Recruiter, ...) need no entry; every other one must have one (checked). An
# entry may add postings to a PLAN title: Engineering Manager of software teams.
#
# Fields of a Role:
#   title     the canonical title (alias == canonical in title_aliases.tsv)
#   levels    one letter per posting, as in PLAN
#   skills    skill groups, "N Name|Name&Name|..." or "N-M ...": each posting takes N (to M) of
#             the group's options, drawn with weights 3 (O*NET In Demand), 2 (Hot Technology) or
#             1; "A&B" is one option that brings both ("Java&Spring Boot"). An option a posting's
#             title names is always taken ("Go Developer": Go). Every name must be a technology
#             example of the title's occupations (or `also`), by its skills.tsv name (checked).
#   about     the "You will ..." paragraph; duties: bullets, 4 of them per posting
#   titles    spellings to cycle through (each a title_aliases.tsv spelling of `title`)
#   overrides full titles per level, as in PLAN; plain: no level prefix ("Tech Lead")
#   also      more O*NET occupations whose technology examples the skills may use
#   bring     one more line under "What you bring"
#   remote    share of fully remote postings (default 45 %; rounded, which ones is drawn)
#   salary    (entry, mid, senior, lead) annual midpoints in $1000s, instead of SALARY's
#   education the education line; sectors: hiring sectors, instead of the code's (SECTORS)

Role = collections.namedtuple(
    "Role",
    "title levels skills about duties titles overrides plain also bring remote salary education "
    "sectors",
    defaults=((), {}, False, (), "", 0.45, None, None, None),
)

SOFTWARE_DEGREE = ("Bachelor's degree in computer science or a related field, or equivalent "
                   "practical experience")
TECH_SECTORS = "tech finance health retail consulting"

ROLES = [
    Role("Software Engineer", "EMMSSL",
         ["1-2 Python|Java&Spring Boot|Go|C#&.NET|TypeScript&Node.js|C++",
          "1 SQL|PostgreSQL|MySQL|NoSQL|MongoDB", "1 AWS|Azure|Google Cloud Platform",
          "1-2 Docker|Kubernetes", "1-2 Git|REST APIs|Microservices|Linux|Jenkins|Kafka"],
         "You will design, build and ship software end to end with a small product team: "
         "backend services, APIs, data models, tests and the cloud infrastructure they run on.",
         ["Design, build and test new features across our services and APIs",
          "Write clean, well-tested code and review your teammates' pull requests",
          "Improve the performance, reliability and observability of production systems",
          "Work with product managers and designers to turn ideas into working software",
          "Automate builds, tests and deployments in our CI/CD pipelines",
          "Take part in the on-call rotation and in blameless incident reviews"],
         bring="Solid computer science fundamentals: data structures, algorithms and system "
         "design", education=SOFTWARE_DEGREE),
    Role("Backend Developer", "EMMMSSSL",
         ["1 Python&Django|Java&Spring Boot|Go|Node.js&TypeScript|C#&.NET|Ruby&Ruby on Rails"
          "|Kotlin|Scala",
          "2 PostgreSQL|MySQL|MongoDB|Redis|Kafka|Elasticsearch|DynamoDB|Cassandra|RabbitMQ",
          "1-2 Docker|Kubernetes", "1 AWS|Azure|Google Cloud Platform",
          "1-2 REST APIs|Microservices|GraphQL|Git|Linux|SQL"],
         "You will build and run the backend of our products: the server-side services, REST "
         "APIs and databases that our web and mobile apps rely on, deployed to the cloud.",
         ["Design and build backend services and REST APIs used by our web and mobile apps",
          "Model data and write efficient queries; keep our databases fast and healthy",
          "Split a growing monolith into well-defined microservices",
          "Write automated tests and ship through our CI/CD pipeline several times a day",
          "Monitor services in production, fix what breaks and make sure it stays fixed",
          "Agree API contracts with frontend developers and priorities with product"],
         titles=("Backend Engineer", "Backend Developer", "Python Developer", "Java Developer",
                 "Go Developer", "Node.js Developer"),
         bring="A solid grasp of API design, databases and distributed systems",
         education=SOFTWARE_DEGREE),
    Role("Frontend Developer", "EMMMSSL",
         ["1 React|Angular|Vue.js", "2-3 TypeScript|JavaScript|CSS|HTML",
          "1 REST APIs|GraphQL|Node.js", "1-2 Git|Figma|webpack|Sass|Jira|Bootstrap"],
         "You will build the frontend of our web application: fast, accessible user interfaces "
         "in a modern JavaScript framework, from the Figma design to production.",
         ["Build responsive, accessible user interfaces from Figma designs",
          "Develop reusable UI components and keep our design system consistent",
          "Connect the frontend to backend REST and GraphQL APIs",
          "Write unit and end-to-end tests and keep the web app fast",
          "Work closely with designers, backend developers and product managers",
          "Improve build tooling, bundle size and the developer experience"],
         titles=("Frontend Developer", "Frontend Engineer", "React Developer"),
         bring="An eye for detail and a feel for usability and web accessibility (WCAG)",
         education=SOFTWARE_DEGREE),
    Role("Full Stack Developer", "EMMSSL",
         ["1 React|Angular|Vue.js",
          "1 Node.js&TypeScript|Python&Django|Java&Spring Boot|C#&.NET|Ruby&Ruby on Rails|PHP",
          "1-2 JavaScript|HTML|CSS", "1 PostgreSQL|MySQL|MongoDB|Redis",
          "1-2 Docker|AWS|Azure|Git|REST APIs|GraphQL"],
         "You will work across the whole stack: frontend, backend services and APIs, databases "
         "and the cloud infrastructure beneath them.",
         ["Build features end to end, from the database and backend APIs to the user interface",
          "Develop frontend components in a modern JavaScript framework",
          "Design REST APIs and data models that are easy to use and to change",
          "Write automated tests and deploy to the cloud through CI/CD",
          "Talk to users and turn their feedback into improvements"],
         titles=("Full Stack Developer", "Full Stack Engineer"),
         education=SOFTWARE_DEGREE),
    Role("Mobile Developer", "EMS",
         ["1-2 Swift&iOS|Kotlin&Android|React Native&JavaScript", "1-2 REST APIs|GraphQL|JSON",
          "1-2 Git|Xcode|Jenkins|Jira|Figma"],
         "You will build our mobile apps for iOS and Android: native or cross-platform features, "
         "offline data, push notifications and the APIs behind them.",
         ["Build and ship features for our iOS and Android apps",
          "Integrate the apps with backend REST and GraphQL APIs",
          "Keep the apps fast, stable and accessible, and bring crash rates down",
          "Release through the App Store and Google Play and watch every release",
          "Work with designers on smooth, native-feeling interactions"],
         titles=("Mobile Developer", "Mobile Engineer"), education=SOFTWARE_DEGREE),
    Role("iOS Developer", "MS",
         ["1 Swift", "1 iOS", "2-3 Objective-C|Xcode|REST APIs|Git|JSON|GraphQL|Jenkins"],
         "You will build our iPhone and iPad app in Swift: new features, smooth interfaces and "
         "the networking and storage layers underneath.",
         ["Build new features for our iOS app in Swift",
          "Write unit and UI tests and keep crash rates low",
          "Integrate with backend REST APIs and handle offline use gracefully",
          "Ship releases through the App Store and monitor them",
          "Work with designers and Android developers on a consistent experience"],
         education=SOFTWARE_DEGREE),
    Role("Android Developer", "MS",
         ["1 Kotlin", "1 Android", "2-3 Java|Gradle|REST APIs|Git|JSON|GraphQL|Jenkins"],
         "You will build our Android app in Kotlin: new features, smooth interfaces and the "
         "networking and storage layers underneath.",
         ["Build new features for our Android app in Kotlin",
          "Write unit and UI tests and keep crash rates low",
          "Integrate with backend REST APIs and handle offline use gracefully",
          "Ship releases through Google Play and monitor them",
          "Work with designers and iOS developers on a consistent experience"],
         education=SOFTWARE_DEGREE),
    Role("Data Engineer", "EMMSSSL",
         ["1 SQL", "1 Python|Scala|Java", "2-3 Spark|Kafka|Airflow|Hadoop|Apache Hive|Informatica",
          "1 Redshift|BigQuery|PostgreSQL|Teradata|Microsoft SQL Server|Cassandra|MongoDB",
          "1-2 AWS|Azure|Google Cloud Platform|Docker|Git|Linux"],
         "You will build and run the data pipelines and the data warehouse that analysts, data "
         "scientists and our products depend on: batch and streaming ETL, data models and data "
         "quality, in the cloud.",
         ["Build and maintain batch and streaming data pipelines (ETL and ELT)",
          "Design data models and tables in our cloud data warehouse",
          "Orchestrate and schedule workflows and make them observable and easy to rerun",
          "Monitor data quality and fix problems at the source",
          "Work with analysts and data scientists to make data easy to find and trust",
          "Tune SQL queries and pipeline jobs for speed and cost"],
         titles=("Data Engineer", "Big Data Engineer", "Data Platform Engineer"),
         also=("15-2051.00",),  # O*NET lists Airflow and BigQuery under Data Scientists
         bring="Strong SQL and the habit of testing your data",
         education=SOFTWARE_DEGREE.replace("computer science", "computer science, engineering")),
    Role("Data Analyst", "EEMMSL",
         ["1 SQL", "1 Tableau|Power BI", "1 Python|R|SAS", "1 Microsoft Excel",
          "1-2 Google Analytics|Alteryx|Microsoft SQL Server|Redshift|SPSS|Microsoft PowerPoint"],
         "You will turn data into answers: write SQL, build dashboards and reports, and help "
         "teams across the business make decisions with numbers they trust.",
         ["Write SQL to pull, clean and combine data from our databases and data warehouse",
          "Build and maintain dashboards and self-service reports",
          "Analyze trends, read out A/B tests and explain what the numbers mean",
          "Define metrics with stakeholders and document them clearly",
          "Automate recurring reports and data checks"],
         remote=0.35,
         salary=(58, 75, 95, 112)),
    Role("Machine Learning Engineer", "MMSSL",
         ["1 Python", "1-2 PyTorch|TensorFlow|scikit-learn|Keras|XGBoost",
          "1-2 SQL|Spark|pandas|NumPy", "1-2 AWS|Azure|Google Cloud Platform|Docker|Kubernetes",
          "1 Amazon SageMaker|MLflow|Kubeflow|Airflow|Git|Linux"],
         "You will take machine learning models from the notebook to production: training "
         "pipelines, model serving, monitoring, and the data and cloud infrastructure around "
         "them.",
         ["Build, train and evaluate machine learning models on large datasets",
          "Deploy models as reliable, low-latency services and batch jobs",
          "Build feature pipelines and reproducible training workflows",
          "Monitor models in production for drift and quality, and retrain them",
          "Work with data scientists, data engineers and backend engineers to ship AI features"],
         titles=("Machine Learning Engineer", "ML Engineer", "AI Engineer"),
         bring="A good grounding in statistics and machine learning, and in software "
         "engineering practice", salary=(95, 135, 172, 200),
         education="Bachelor's or master's degree in computer science, statistics or a related "
         "field, or equivalent practical experience"),
    Role("DevOps Engineer", "MMSSSL",
         ["2 Docker|Kubernetes", "1 AWS|Azure|Google Cloud Platform",
          "1-2 Terraform|Ansible|Chef|Puppet|AWS CloudFormation",
          "1 Jenkins|GitLab|GitHub|Azure DevOps|Bamboo", "1 Python|Bash|Go|PowerShell",
          "1 Linux"],
         "You will build the tooling and cloud infrastructure our engineers ship on: CI/CD "
         "pipelines, infrastructure as code, containers and monitoring, automated wherever "
         "possible.",
         ["Build and maintain the CI/CD pipelines that test and deploy our services",
          "Manage cloud infrastructure as code and keep environments consistent",
          "Run containers on Kubernetes and improve how teams deploy and scale them",
          "Set up monitoring, logging and alerting that catch problems early",
          "Automate routine operations work and remove manual steps",
          "Help development teams adopt DevOps practices and secure defaults"],
         bring="Comfortable scripting, debugging Linux systems and owning production",
         education=SOFTWARE_DEGREE),
    Role("Site Reliability Engineer", "MSSL",
         ["1 Linux", "1-2 Kubernetes|Docker", "1 AWS|Azure|Google Cloud Platform",
          "1-2 Python|Go|Bash", "1 Terraform|Ansible",
          "1 Splunk|Elasticsearch|Nagios|Kafka|PostgreSQL"],
         "You will keep our production systems fast and available: set service level "
         "objectives, automate operations away, lead incident response and make the platform "
         "more reliable with software.",
         ["Define SLOs and error budgets with service teams and track them",
          "Automate toil away with code: deployments, scaling, failover and recovery",
          "Lead incident response and blameless postmortems, and follow up on the fixes",
          "Improve monitoring, alerting and observability across our cloud services",
          "Plan capacity and run load tests",
          "Review designs for reliability before they reach production"],
         also=("15-1252.00",),  # Kubernetes and Terraform, which O*NET lists for developers
         bring="Experience being on call for large-scale, distributed production systems",
         salary=(85, 120, 155, 180), education=SOFTWARE_DEGREE),
    Role("Platform Engineer", "MSS",
         ["1 Kubernetes", "1 Docker", "1 Terraform|Ansible", "1 AWS|Azure|Google Cloud Platform",
          "1 Go|Python|Java", "1-2 Jenkins|GitLab|GitHub|Linux|Kafka|Microservices"],
         "You will build our internal developer platform: the Kubernetes clusters, cloud "
         "infrastructure, CI/CD and self-service tools that let product teams ship safely and "
         "quickly.",
         ["Build and run the Kubernetes platform our services deploy to",
          "Provide self-service infrastructure as code for product teams",
          "Improve CI/CD, build times and the developer experience",
          "Own shared services such as secrets management and observability",
          "Keep the platform secure, patched and cost-efficient"],
         titles=("Platform Engineer", "Infrastructure Engineer"), education=SOFTWARE_DEGREE),
    Role("Cloud Engineer", "EMMSS",
         ["1-2 AWS|Azure|Google Cloud Platform", "1 Terraform|AWS CloudFormation|Ansible",
          "1 Docker|Kubernetes", "1 Linux|Microsoft Windows Server|Active Directory",
          "1 Python|PowerShell|Bash", "1 Amazon EC2|Amazon S3|Git|Jenkins"],
         "You will design, build and operate our cloud infrastructure: networks, compute, "
         "storage and identity on AWS or Azure, defined as code, secured and monitored.",
         ["Build and operate our cloud infrastructure on AWS and Azure",
          "Write infrastructure as code and review changes from other teams",
          "Migrate on-premises workloads to the cloud",
          "Set up cloud networking, identity and access management, and backups",
          "Watch cloud costs and right-size resources",
          "Automate provisioning and patching with scripts and pipelines"],
         titles=("Cloud Engineer", "AWS Engineer", "Azure Engineer"),
         also=("15-1299.08",),  # Terraform, Kubernetes (Computer Systems Engineers/Architects)
         bring="A cloud certification (AWS Solutions Architect, Azure Administrator) is a plus",
         education=SOFTWARE_DEGREE.replace("computer science", "computer science, IT")),
    Role("Cloud Architect", "SL",
         ["1-2 AWS|Azure|Google Cloud Platform", "1-2 Terraform|Ansible|AWS CloudFormation",
          "1-2 Kubernetes|Docker", "1 Python|Java|PowerShell",
          "1 Linux|Active Directory|Microsoft Windows Server|Jenkins|Git"],
         "You will shape how we use the cloud: design secure, scalable and cost-effective "
         "architectures on AWS or Azure and guide the teams that build them.",
         ["Design cloud architectures for new products and migrations",
          "Set standards for security, networking, identity and cost",
          "Review designs and guide engineering teams through delivery",
          "Evaluate cloud services and build proofs of concept",
          "Explain trade-offs clearly to engineers and executives"],
         titles=("Cloud Architect", "Cloud Solutions Architect"), plain=False,
         overrides={"lead": "Principal Cloud Architect"}, salary=(95, 130, 165, 190),
         education=SOFTWARE_DEGREE),
    Role("Software Architect", "SL",
         ["1-2 Java&Spring Boot|C#&.NET|Python|Go|Node.js", "2 Microservices|REST APIs|Kafka",
          "1 AWS|Azure|Google Cloud Platform", "1-2 Kubernetes|Docker|Terraform",
          "1 PostgreSQL|NoSQL|Redis|Microsoft SQL Server"],
         "You will own the architecture of our software platform: how services, APIs and data "
         "fit together, which technologies we use, and how the design evolves as we grow.",
         ["Define the architecture of our services, APIs and data flows",
          "Guide teams on design, code quality and technical debt",
          "Lead the move to event-driven microservices in the cloud",
          "Write architecture decision records and review designs",
          "Coach engineers and grow the next technical leaders"],
         overrides={"lead": "Principal Software Architect"}, salary=(95, 130, 165, 190),
         education=SOFTWARE_DEGREE),
    Role("Network Engineer", "MS",
         ["2 Cisco IOS|DNS|DHCP|VMware", "1 Linux|Microsoft Windows Server|Active Directory",
          "1 Wireshark|SolarWinds|Nagios|Zabbix", "1 Python|Ansible|PowerShell", "1 AWS|Azure"],
         "You will design, build and support our networks: LAN, WAN, VPN and wireless across "
         "offices and data centers, and the links into the cloud.",
         ["Configure and maintain routers, switches, firewalls and wireless access points",
          "Plan and document network changes and carry them out safely",
          "Monitor network performance and troubleshoot outages",
          "Connect offices and data centers to AWS and Azure",
          "Automate configuration with scripts and templates"],
         bring="A CCNA or CCNP certification, or equivalent experience", remote=0.2),
    Role("QA Engineer", "EMMS",
         ["1-2 Selenium|Postman|JMeter|JUnit|TestNG", "1 Python|Java|JavaScript|C#",
          "1-2 Jenkins|Git|Jira", "1-2 REST APIs|SQL|Linux|AWS"],
         "You will make sure our software works before our customers find out that it does "
         "not: test plans, automated UI and API tests, and a CI pipeline the whole team trusts.",
         ["Write and maintain automated UI and API tests",
          "Plan test coverage for new features with developers and product managers",
          "Run the tests in our CI/CD pipeline and keep them fast and reliable",
          "Find, reproduce and document bugs clearly",
          "Run performance and regression tests before releases"],
         titles=("QA Engineer", "QA Automation Engineer", "Test Automation Engineer"),
         education=SOFTWARE_DEGREE),
    Role("Embedded Software Engineer", "MS",
         ["2 C|C++", "1 Linux|QNX|Wind River VxWorks", "1 Python|MATLAB",
          "1-2 Git|Jenkins|Verilog|Jira"],
         "You will write the software that runs on our devices: firmware and embedded Linux in C "
         "and C++, close to the hardware, from board bring-up to updates in the field.",
         ["Write and debug firmware in C and C++ for microcontrollers and embedded Linux",
          "Bring up new boards together with the hardware team",
          "Write drivers for sensors, radios and communication buses",
          "Build automated tests and hardware-in-the-loop test rigs",
          "Keep devices secure and updatable in the field"],
         titles=("Embedded Software Engineer", "Firmware Engineer"), remote=0.1,
         sectors="engineering tech", education="Bachelor's degree in computer science, "
         "electrical engineering or computer engineering"),
    Role("Game Developer", "MS",
         ["1 Unity", "1-2 C++|C#", "1-2 Perforce|Git|Python|Autodesk Maya|Jira"],
         "You will build gameplay and engine features for our games: game mechanics, tools, "
         "performance and the online services players connect to.",
         ["Build gameplay systems and features with designers and artists",
          "Optimize performance on PC, console and mobile",
          "Build tools that speed up content creation",
          "Fix bugs and support live updates after launch",
          "Work on online features such as matchmaking and player accounts"],
         titles=("Game Developer", "Game Programmer"), remote=0.3, sectors="tech",
         education=SOFTWARE_DEGREE),
    Role("Tech Lead", "LL",
         ["1-2 Java&Spring Boot|Python|Go|TypeScript&Node.js|C#&.NET",
          "1 AWS|Azure|Google Cloud Platform", "1-2 Docker|Kubernetes|Microservices|Kafka",
          "1 PostgreSQL|SQL|NoSQL", "1 Jira|Confluence|Git"],
         "You will lead a team of engineers technically while still writing code: set the "
         "direction for our services, make design decisions and help every engineer on the "
         "team grow.",
         ["Lead the technical design of features and services for your team",
          "Write code, review pull requests and set the bar for quality",
          "Break work down and plan it with the product manager",
          "Mentor engineers and run design reviews",
          "Own the reliability and performance of your team's systems"],
         titles=("Tech Lead", "Technical Lead"), plain=True, education=SOFTWARE_DEGREE),
    Role("Engineering Manager", "LL",
         ["1-2 Jira|Confluence", "1 AWS|Azure", "1 Java|Python|Go|JavaScript|Node.js",
          "1-2 Docker|Git|GitHub|Linux", "0-1 SQL|PostgreSQL|MySQL"],
         "You will lead a team of software engineers: hire and grow people, deliver the roadmap "
         "with product and design, and keep a healthy balance between new features, quality and "
         "technical debt.",
         ["Hire, coach and grow a team of six to ten software engineers",
          "Plan and deliver the roadmap together with product and design",
          "Run agile ceremonies, one-on-ones and performance reviews",
          "Keep systems reliable and technical debt under control",
          "Work with other engineering managers on architecture and staffing"],
         plain=True, remote=0.35, sectors=TECH_SECTORS, salary=(120, 150, 175, 195),
         bring="Two or more years managing software engineers, after years of building software",
         education=SOFTWARE_DEGREE),
    Role("Vice President of Engineering", "X",
         ["1 AWS|Azure", "1 Jira|Confluence", "1 Python|Java", "1 Microsoft Excel|Microsoft "
          "PowerPoint"],
         "You will lead our engineering organization of about sixty people: set the technical "
         "strategy, build a strong leadership team and deliver the product roadmap reliably.",
         ["Lead engineering managers and senior engineers across several teams",
          "Own the technical strategy, the architecture direction and the engineering budget",
          "Build hiring, career paths and an inclusive engineering culture",
          "Plan the roadmap with product and report progress to the executive team",
          "Keep delivery predictable, systems secure and costs under control"],
         plain=True, remote=0.2, sectors="tech finance health", education=SOFTWARE_DEGREE),
    Role("Chief Technology Officer", "X",
         ["1-2 AWS|Azure", "1 Python|Java", "1 Jira|Microsoft Project",
          "1 Microsoft Excel|Microsoft PowerPoint"],
         "You will lead technology at our company: product engineering, infrastructure, security "
         "and data, and the technical vision that carries our growth.",
         ["Set the technology vision and strategy with the CEO and the board",
          "Lead the engineering, infrastructure and security teams",
          "Decide on architecture, build-versus-buy and major vendors",
          "Own the technology budget, risks and compliance",
          "Represent technology to customers, partners and investors"],
         plain=True, remote=0.15, sectors="tech finance health retail",
         education=SOFTWARE_DEGREE),
    Role("Chief Information Officer", "X",
         ["1 AWS|Azure", "1-2 SAP|Oracle Database|Microsoft Dynamics|Microsoft SharePoint",
          "1 Microsoft Project|Microsoft Excel|Microsoft Visio"],
         "You will lead information technology across the company: business systems, "
         "infrastructure, cybersecurity and IT service delivery.",
         ["Set the IT strategy and roadmap with the executive team",
          "Lead enterprise applications, infrastructure, service desk and cybersecurity",
          "Own the IT budget, vendor contracts and service levels",
          "Drive the move of business systems to the cloud",
          "Keep data secure and compliant with regulations"],
         plain=True, remote=0.1, sectors="health finance retail engineering"),
    Role("Chief Financial Officer", "X",
         ["1 Microsoft Excel", "1-2 SAP|Oracle Hyperion|NetSuite ERP|Microsoft Dynamics|QuickBooks",
          "0-1 Microsoft PowerPoint|SAP Business Objects"],
         "You will lead finance: planning and analysis, accounting and reporting, treasury and "
         "fundraising, as a partner to the CEO and the board.",
         ["Own financial planning, budgets and forecasts",
          "Lead accounting, financial reporting, tax and audit",
          "Manage cash, banking relationships and funding",
          "Report to the board and to investors",
          "Build and lead a strong finance team"],
         plain=True, remote=0.1, sectors="tech finance retail health",
         education="Bachelor's degree in finance or accounting; CPA or MBA preferred"),
    Role("Chief Operating Officer", "X",
         ["1 Microsoft Excel", "1 SAP|Salesforce|Microsoft Dynamics",
          "1 Microsoft Project|Microsoft PowerPoint|Tableau"],
         "You will run the day-to-day operations of the company and turn strategy into results "
         "across operations, customer service and supply chain.",
         ["Turn the company strategy into operating plans, goals and budgets",
          "Lead operations, customer service and supply chain teams",
          "Improve processes, quality and margins",
          "Track performance with clear metrics and act on them",
          "Work with the CEO and the executive team on growth"],
         plain=True, remote=0.0, sectors="retail transport engineering health"),
    Role("Product Manager", "EMMSL",
         ["1-2 Jira|Confluence", "1-2 SQL|Google Analytics|Tableau",
          "1 Microsoft Excel|Microsoft PowerPoint", "0-1 Salesforce|HubSpot|Python"],
         "You will decide what our team builds and why: talk to customers, dig into the data, "
         "write clear requirements and work with engineering and design to ship products people "
         "love.",
         ["Own the product roadmap for your area and explain the why behind it",
          "Interview customers and turn what you learn into clear problem statements",
          "Write requirements and user stories with engineering and design",
          "Define success metrics and analyze product data after every launch",
          "Coordinate launches with marketing, sales and customer success"],
         titles=("Product Manager", "Technical Product Manager"),
         overrides={"entry": "Associate Product Manager", "lead": "Group Product Manager"},
         remote=0.4, sectors=TECH_SECTORS, salary=(85, 120, 150, 178),
         education="Bachelor's degree in business, computer science or a related field"),
    Role("Product Owner", "MS",
         ["2 Jira|Confluence", "1-2 Microsoft Excel|Microsoft Visio|Microsoft Teams|Slack",
          "0-1 Tableau|Azure|Salesforce|GitHub"],
         "You will own the backlog of an agile software team: turn business needs into clear "
         "user stories, set priorities every sprint and accept the work when it is done.",
         ["Write and refine user stories with clear acceptance criteria",
          "Prioritize the backlog by value, risk and effort",
          "Plan sprints and demos with the Scrum team",
          "Work with stakeholders to understand their needs and set expectations",
          "Check delivered features against the acceptance criteria"],
         remote=0.4, sectors=TECH_SECTORS, salary=(72, 98, 122, 140),
         bring="A Scrum certification (CSPO or PSPO) is a plus"),
    Role("Program Manager", "MS",
         ["1-2 Microsoft Project|Jira|Confluence",
          "1-2 Microsoft Excel|Microsoft PowerPoint|Microsoft Visio|Microsoft Teams|Slack",
          "0-1 Salesforce|SAP|Tableau|SQL|AWS"],
         "You will run programs that span several teams: plan them, track dependencies and "
         "risks, keep everyone aligned and make sure they land on time.",
         ["Plan cross-team programs with clear milestones and owners",
          "Track dependencies, risks and decisions, and escalate early",
          "Run program reviews and report status to leadership",
          "Improve how teams plan and deliver together",
          "Manage budgets and vendors for your programs"],
         titles=("Program Manager", "Technical Program Manager"), remote=0.35,
         sectors=TECH_SECTORS, salary=(80, 110, 140, 165),
         bring="A PMP or PgMP certification is a plus"),
    Role("Scrum Master", "MS",
         ["2 Jira|Confluence", "1 Microsoft Excel|Microsoft Project|Microsoft Teams",
          "0-1 Microsoft Team Foundation Server|Git|Azure"],
         "You will help one or two agile software teams work better: run the Scrum events, "
         "remove blockers and coach the team and its stakeholders in agile practice.",
         ["Facilitate sprint planning, daily stand-ups, reviews and retrospectives",
          "Remove blockers and shield the team from distractions",
          "Coach the team and the product owner in Scrum and Kanban",
          "Track delivery metrics and help the team improve them",
          "Work with other Scrum Masters on cross-team planning"],
         remote=0.45, sectors=TECH_SECTORS, salary=(75, 98, 118, 132),
         bring="A Scrum certification (CSM or PSM)"),
    Role("UX Designer", "EMMS",
         ["1 Figma", "1-2 Adobe XD|InVision|Axure RP",
          "1 Adobe Photoshop|Adobe Illustrator|Adobe Creative Cloud", "0-1 HTML|CSS|JavaScript",
          "0-1 Jira|UserZoom|Google Analytics"],
         "You will design how people use our product: research their needs, map user flows, "
         "sketch and prototype, and test ideas with real users before engineers build them.",
         ["Map user journeys and flows for new features",
          "Design wireframes and interactive prototypes in Figma",
          "Run usability tests and turn the findings into better designs",
          "Work with product managers and engineers from discovery to launch",
          "Contribute to our design system and accessibility standards"],
         titles=("UX Designer", "User Experience Designer"), remote=0.4, salary=(62, 88, 115, 135),
         bring="A portfolio that shows your process, not only the final screens",
         education="Bachelor's degree in interaction design, HCI, psychology or a related field, "
         "or equivalent experience"),
    Role("UI Designer", "MS",
         ["1 Figma", "1-2 Adobe Illustrator|Adobe Photoshop|Adobe Creative Cloud",
          "1 Adobe XD|InVision", "0-1 HTML|CSS"],
         "You will design the look of our product: polished, consistent user interfaces, visual "
         "components and icons for web and mobile.",
         ["Design high-fidelity screens for web and mobile",
          "Build and maintain the components of our design system",
          "Design icons, illustrations and motion for the product",
          "Work with frontend developers to get every detail right",
          "Keep interfaces accessible and consistent"],
         remote=0.4, salary=(60, 85, 110, 130),
         bring="A portfolio of polished interface work",
         education="Bachelor's degree in graphic or interaction design, or equivalent "
         "experience"),
    Role("Product Designer", "MS",
         ["1 Figma", "1 Adobe XD|InVision|Axure RP",
          "1 Adobe Illustrator|Adobe Photoshop|Adobe Creative Cloud", "0-1 HTML|CSS|Jira"],
         "You will own the design of product features from first idea to launch: research, user "
         "flows, interaction and visual design, and testing with users.",
         ["Own the end-to-end design of features in your product area",
          "Turn research and data into simple, clear designs",
          "Prototype and test ideas with users early and often",
          "Work with product managers and engineers every day",
          "Raise the quality of our design system"],
         remote=0.4, sectors=TECH_SECTORS, salary=(70, 98, 128, 148),
         bring="A portfolio that shows your process and the impact of your work",
         education="Bachelor's degree in design, HCI or a related field, or equivalent "
         "experience"),
    Role("UX Researcher", "MS",
         ["1-2 UserZoom|Google Analytics|SPSS", "1 Figma|Axure RP|InVision",
          "1 Microsoft Excel|Google Docs", "0-1 R|Python|SQL"],
         "You will help our teams understand the people who use our product: plan and run "
         "interviews, usability tests and surveys, and turn what you learn into decisions.",
         ["Plan and run user interviews, usability tests and surveys",
          "Analyze qualitative and quantitative research data",
          "Share findings in clear, actionable reports and workshops",
          "Build a repository of research insights for the whole company",
          "Work with designers and product managers on what to research next"],
         remote=0.45, salary=(68, 95, 122, 142),
         education="Bachelor's or master's degree in HCI, psychology, anthropology or a "
         "related field"),
    Role("Business Analyst", "EMMS",
         ["1 SQL", "1-2 Microsoft Excel|Microsoft Visio|Microsoft PowerPoint", "1 Jira|Confluence",
          "1-2 Tableau|Power BI|SAP|Salesforce", "0-1 Python|Microsoft Access|SAS"],
         "You will be the bridge between the business and the technology teams: understand how "
         "work gets done, find what to improve, and write requirements that developers can "
         "build from.",
         ["Gather and document business requirements and user stories",
          "Map current and future processes and find improvements",
          "Analyze data with SQL and present the results",
          "Support testing and the rollout of new systems",
          "Work with stakeholders, developers and vendors"],
         remote=0.3, salary=(60, 80, 100, 118),
         education="Bachelor's degree in business, information systems or a related field"),
    Role("Account Manager", "MS",
         ["1 Salesforce|HubSpot|Microsoft Dynamics",
          "1-2 Microsoft Excel|Microsoft PowerPoint|Microsoft Outlook",
          "1 LinkedIn|Zoom|Microsoft Teams|Tableau"],
         "You will look after a portfolio of business customers: build strong relationships, "
         "make sure they get value from our products, and grow revenue through renewals and "
         "upsells.",
         ["Manage a portfolio of business accounts and their renewals",
          "Find and close upsell and cross-sell opportunities",
          "Run regular business reviews with customers",
          "Keep the CRM up to date and forecast accurately",
          "Work with customer success, support and product on customer needs"],
         remote=0.35, sectors="tech media finance", salary=(50, 68, 90, 108),
         education="Bachelor's degree in business or a related field, or equivalent experience"),
    Role("Customer Success Manager", "MS",
         ["1 Salesforce|HubSpot", "1-2 Microsoft Excel|Microsoft PowerPoint|Microsoft Outlook",
          "1-2 Zoom|Slack|Microsoft Teams|Google Docs"],
         "You will help our customers succeed with our software: onboarding, adoption, health "
         "checks and renewals, as their trusted advisor and their voice inside the company.",
         ["Onboard new customers and get them to value quickly",
          "Track customer health and act before accounts are at risk",
          "Run business reviews and training sessions",
          "Own renewals and spot expansion opportunities",
          "Bring customer feedback to product and engineering"],
         remote=0.45, sectors="tech", salary=(55, 72, 92, 110),
         education="Bachelor's degree or equivalent experience"),
]

# ---------------------------------------------------------------------------------------------
# Invented companies. Names are made up (several use the fictional stems Microsoft uses in its
# samples: Contoso, Fabrikam, Northwind, Woodgrove, ...); any likeness to a real firm is chance.
# name, sector, one sentence about it.

COMPANIES = [
    ("Northwind Analytics", "tech", "builds analytics software for mid-sized retailers"),
    ("Litware Software", "tech", "makes scheduling and billing software for clinics"),
    ("Proseware Labs", "tech", "develops developer tools and cloud infrastructure products"),
    ("Relecloud", "tech", "runs a cloud hosting platform used by thousands of small businesses"),
    ("Adatum Systems", "tech", "provides managed IT services to regional companies"),
    ("Quillon Networks", "tech", "designs networking equipment and software for campus networks"),
    ("Veloxa Security", "tech", "protects mid-market companies with managed security services"),
    ("Bluepine Data Works", "tech", "helps logistics firms turn their data into forecasts"),
    ("Wingtip Games", "tech", "is an independent video game studio"),
    ("Woodgrove Bank", "finance", "is a community bank with branches across the region"),
    ("Humongous Insurance", "finance", "offers home, auto and small-business insurance"),
    ("Lamna Capital Partners", "finance", "manages investment funds for pensions and foundations"),
    ("Fernhollow Credit Union", "finance", "is a member-owned credit union"),
    ("Brightledger Accounting Group", "finance",
     "provides audit, tax and advisory services to local businesses"),
    ("Crestmoor Wealth Advisors", "finance", "plans and manages wealth for families"),
    ("Contoso Health", "health", "operates community hospitals and outpatient clinics"),
    ("Lamna Healthcare", "health", "runs a network of primary care practices"),
    ("Willowmere Regional Hospital", "health", "is a 400-bed teaching hospital"),
    ("Alderbrook Family Clinics", "health", "provides primary, pediatric and urgent care"),
    ("Sunhaven Senior Living", "health", "operates assisted living and memory care communities"),
    ("Contoso Pharmaceuticals", "pharma", "develops and manufactures generic medicines"),
    ("Lamna BioLabs", "pharma", "runs clinical trials and laboratory testing for drug makers"),
    ("Brookvale Dental Partners", "dental", "runs twenty family dental practices"),
    ("Bellows College", "college", "is a private liberal arts college"),
    ("Oakhurst Community College", "college", "offers associate degrees and workforce training"),
    ("Graphic Design Institute", "college", "is an independent school of art and design"),
    ("Maplecrest Unified School District", "school", "serves 14,000 students in 22 schools"),
    ("Cedarwick Academy", "school", "is an independent K-12 day school"),
    ("Brightpath Learning Academy", "school",
     "runs tutoring centers, preschools and online courses"),
    ("Fabrikam Industries", "engineering",
     "manufactures industrial pumps and motion-control parts"),
    ("Fabrikam Robotics", "engineering",
     "builds robotic cells for automotive and electronics plants"),
    ("Adatum Aerospace", "engineering",
     "designs and builds parts for regional aircraft and drones"),
    ("Ironvale Precision Manufacturing", "engineering",
     "machines precision parts for medical and aerospace customers"),
    ("Kestrel Ridge Engineering", "engineering", "is a multidisciplinary engineering consultancy"),
    ("Halvorsen Process Engineering", "engineering", "designs chemical and food processing plants"),
    ("Vantora Automotive", "engineering", "designs electric drivetrains for commercial vehicles"),
    ("Granitefield Construction", "construction",
     "is a general contractor for commercial and public buildings"),
    ("Corbel & Truss Builders", "construction", "builds and renovates homes and small offices"),
    ("Tallgrass Civil Works", "construction", "builds roads, bridges and water infrastructure"),
    ("Fabrikam Residences", "construction", "develops and manages apartment communities"),
    ("Harlow & Venn Architects", "construction", "designs schools, libraries and housing"),
    ("Fourth Coffee", "hospitality", "roasts coffee and runs forty coffee shops"),
    ("Alpine Ski House", "hospitality", "runs a mountain resort with hotels and restaurants"),
    ("Pinecrest Restaurant Group", "hospitality", "operates six full-service restaurants"),
    ("Harbor Lantern Hotels", "hospitality", "runs boutique hotels in city centers"),
    ("Margie's Travel", "hospitality", "is a travel agency and tour operator"),
    ("Consolidated Messenger", "transport", "delivers parcels and same-day courier shipments"),
    ("Wide World Importers", "transport", "imports and distributes consumer goods"),
    ("Harrowgate Freight Lines", "transport", "runs a fleet of 600 trucks for regional freight"),
    ("Northwind Traders", "transport", "runs warehouses and distribution for food brands"),
    ("Tailspin Air Charter", "aviation", "operates charter and cargo flights"),
    ("Larkfield Regional Airways", "aviation", "flies regional routes with a fleet of 40 jets"),
    ("Cirrostrand Aviation Services", "aviation", "maintains and repairs commercial aircraft"),
    ("Quillfeather & Stroud LLP", "legal", "is a business law firm"),
    ("Ashcombe Barrow Law Group", "legal", "handles employment, family and real estate law"),
    ("First Up Consultants", "consulting", "advises companies on strategy and operations"),
    ("Meridale Advisory", "consulting", "helps public agencies and nonprofits run better programs"),
    ("Trey Research", "consulting", "runs environmental and market research studies"),
    ("Munson's Pickles and Preserves Farm", "agriculture",
     "grows and preserves vegetables on 900 acres"),
    ("Best For You Organics", "agriculture", "grows and sells organic produce"),
    ("Tallowbrook Farms Cooperative", "agriculture", "is a cooperative of grain and dairy farms"),
    ("Greenfurrow Agronomics", "agriculture",
     "advises growers on soil, seed and precision farming"),
    ("Coho Winery", "agriculture", "grows grapes and makes wine"),
    ("Southridge Video", "media", "produces commercials and documentary films"),
    ("Lucerne Publishing", "media", "publishes books, magazines and online courses"),
    ("VanArsdel Studio", "media", "is a brand and product design studio"),
    ("Inkwell & Ember Creative", "media", "is a marketing and content agency"),
    ("Tailwind Traders", "retail", "sells home improvement goods online and in 60 stores"),
    ("Threadleaf Apparel", "retail", "designs and sells clothing"),
    ("Marrowby Home Goods", "retail", "is a chain of home and kitchen stores"),
    ("City Power & Light", "energy", "is a regional electric and gas utility"),
    ("Sunspire Renewables", "energy", "builds and operates solar and wind farms"),
    ("Millbrook Civic Services", "public",
     "runs social services and community programs for local governments"),
    ("Ironwatch Protective Services", "security", "provides security and patrol services"),
    ("Pulsefield Fitness Clubs", "wellness", "runs twelve fitness clubs"),
    ("Silverleaf Salon & Spa", "wellness", "runs day spas and salons"),
    ("Gearwell Auto Service", "automotive", "runs car service and collision repair centers"),
]

# Sectors that hire an occupation: the longest matching O*NET-SOC code prefix wins.
SECTORS = {
    "11": "consulting tech finance retail engineering health",
    "11-1011": "tech finance retail engineering",
    "11-2": "retail tech media consulting",
    "11-3012": "health education finance public",
    "11-3021": "tech finance health",
    "11-3031": "finance tech retail health",
    "11-3051": "engineering",
    "11-3061": "engineering retail",
    "11-3071": "transport retail",
    "11-3111": "tech health finance retail engineering",
    "11-3121": "tech health finance retail engineering",
    "11-3131": "tech health finance retail",
    "11-9013": "agriculture",
    "11-9021": "construction",
    "11-903": "school",
    "11-9033": "college",
    "11-9041": "engineering construction energy",
    "11-9051": "hospitality",
    "11-9072": "hospitality",
    "11-9081": "hospitality",
    "11-9111": "health",
    "11-9121": "pharma health",
    "11-9141": "construction",
    "11-9151": "public",
    "11-9179": "wellness",
    "11-9199": "finance health tech energy",
    "13": "finance consulting tech retail",
    "13-1021": "agriculture",
    "13-1022": "retail",
    "13-1031": "finance",
    "13-1051": "construction engineering",
    "13-107": "tech health finance retail engineering consulting",
    "13-1141": "tech health finance retail",
    "13-1151": "tech health finance retail",
    "13-1081": "transport retail engineering",
    "13-1121": "hospitality consulting",
    "13-1161": "tech retail media",
    "13-1199.05": "energy consulting",
    "13-2053": "finance",
    "15": "tech finance health consulting retail",
    "15-1299.02": "energy public construction consulting",
    "17": "engineering construction energy",
    "17-1": "construction",
    "17-2011": "engineering aviation",
    "17-2021": "agriculture engineering",
    "17-2031": "pharma engineering",
    "17-2061": "tech engineering",
    "17-2072": "tech engineering",
    "17-2141.02": "engineering",
    "17-3021": "engineering aviation",
    "19": "consulting health engineering public",
    "19-1": "pharma health consulting public",
    "19-1011": "agriculture",
    "19-1012": "agriculture hospitality",
    "19-1013": "agriculture",
    "19-1032": "agriculture public",
    "19-2031": "pharma engineering",
    "19-3": "consulting public finance",
    "19-4012": "agriculture",
    "19-4099.01": "pharma engineering",
    "21": "public health",
    "21-1012": "school",
    "23": "legal finance tech",
    "25": "school",
    "25-1": "college",
    "25-4": "college public",
    "25-9031": "school college",
    "27": "media tech retail",
    "27-1014": "media tech",
    "27-1022": "retail",
    "27-1025": "construction media",
    "27-2022": "school college wellness",
    "29": "health",
    "29-102": "dental",
    "29-1292": "dental",
    "29-2011": "health pharma",
    "29-9091": "college wellness health",
    "31": "health",
    "31-9091": "dental",
    "31-9011": "wellness",
    "33": "security public",
    "33-3021.06": "consulting security",
    "35": "hospitality",
    "37": "hospitality construction",
    "39": "wellness hospitality",
    "39-2021": "agriculture public",
    "39-7": "hospitality",
    "39-9011": "school",
    "41": "retail tech finance engineering",
    "41-1011": "retail",
    "41-2": "retail",
    "41-3011": "media",
    "41-3021": "finance",
    "41-3031": "finance",
    "41-9021": "construction",
    "41-9022": "construction",
    "43": "finance health tech legal retail public",
    "43-3071": "finance",
    "43-4081": "hospitality",
    "43-4131": "finance",
    "43-4141": "finance",
    "43-4181": "aviation hospitality",
    "43-5": "transport retail",
    "43-6012": "legal",
    "43-6013": "health",
    "45": "agriculture",
    "47": "construction energy",
    "47-2231": "energy",
    "49": "engineering construction energy transport",
    "49-2091": "aviation",
    "49-3011": "aviation",
    "49-3021": "automotive",
    "49-3023": "automotive",
    "49-3031": "transport automotive",
    "49-9081": "energy",
    "51": "engineering",
    "51-3": "hospitality agriculture",
    "51-5": "media",
    "51-9081": "dental",
    "51-6": "retail",
    "51-8": "energy public",
    "53": "transport retail",
    "53-2": "aviation",
    "53-6051.01": "aviation",
}

# ---------------------------------------------------------------------------------------------
# Locations (real cities; the postings are not).

US_CITIES = """Austin, TX, US|Seattle, WA, US|New York, NY, US|San Francisco, CA, US|Chicago, IL, US
    |Boston, MA, US|Denver, CO, US|Atlanta, GA, US|Dallas, TX, US|Houston, TX, US|Phoenix, AZ, US
    |Minneapolis, MN, US|Raleigh, NC, US|Portland, OR, US|Pittsburgh, PA, US|Columbus, OH, US
    |Nashville, TN, US|Salt Lake City, UT, US|Kansas City, MO, US|Miami, FL, US
    |Philadelphia, PA, US|San Diego, CA, US|Detroit, MI, US|Charlotte, NC, US|St. Louis, MO, US"""
FARM_CITIES = """Des Moines, IA, US|Fresno, CA, US|Boise, ID, US|Omaha, NE, US|Lincoln, NE, US
    |Sacramento, CA, US|Spokane, WA, US|Lubbock, TX, US|Madison, WI, US"""
EU_CITIES = """Berlin, Germany|Munich, Germany|Hamburg, Germany|London, United Kingdom
    |Manchester, United Kingdom|Dublin, Ireland|Amsterdam, Netherlands|Paris, France
    |Madrid, Spain|Barcelona, Spain|Stockholm, Sweden|Warsaw, Poland|Lisbon, Portugal
    |Zurich, Switzerland|Vienna, Austria|Copenhagen, Denmark"""
REMOTE = ["Remote, US", "Remote, US", "Remote, US", "Remote, United Kingdom", "Remote, Germany"]


def split_list(text):
    return [" ".join(p.split()) for p in text.split("|")]


# Occupations whose postings may be fully remote (30 %); code prefixes.
REMOTE_OK = """11-2 11-3021 11-3031 11-3121 13-1 13-2 15 19-3 23-1011 25-9031 27-1011 27-1014
    27-1024 27-3 27-4032 29-2072 29-9021 41-3 41-4 41-9031 43-4051 43-9021""".split()
# Major groups that may be posted in a European city (25 %).
EUROPE_OK = {"11", "13", "15", "17", "19", "27"}
FARM_LOCATION = """11-9013 13-1021 17-2021 19-1011 19-1013 19-1032 19-4012 45""".split()

# ---------------------------------------------------------------------------------------------
# Salaries: midpoint of the annual USD range in thousands, per SOC major group (or a longer code
# prefix, longest wins) and level: entry, mid, senior, lead. Executive postings use 1.6 x lead.
# Rough orders of magnitude in the spirit of US wage statistics, invented for the demo; each
# posting moves its midpoint by up to +/-6 % and spreads the range 10-18 % either side.
# Part-time: x0.55 (annual pay for about 22 hours a week); contract: x1.15; internship: x0.6 of
# entry.

SALARY = {
    "11": (62, 98, 128, 155),
    "13": (55, 72, 95, 115),
    "15": (72, 105, 140, 165),
    "17": (68, 90, 118, 138),
    "19": (52, 72, 95, 112),
    "21": (40, 52, 63, 72),
    "23": (55, 90, 140, 175),
    "23-1": (85, 125, 165, 200),
    "23-2": (42, 56, 68, 78),
    "25": (42, 56, 68, 80),
    "25-1": (60, 78, 95, 115),
    "25-9042": (28, 33, 38, 42),
    "27": (45, 62, 82, 98),
    "29": (62, 82, 105, 120),
    "29-102": (150, 180, 210, 240),
    "29-1051": (120, 135, 150, 165),
    "29-1071": (105, 120, 135, 150),
    "29-1171": (105, 120, 135, 150),
    "29-12": (210, 250, 300, 340),
    "29-2": (40, 52, 64, 74),
    "31": (32, 38, 44, 50),
    "33": (40, 55, 70, 82),
    "35": (29, 35, 45, 58),
    "35-1011": (38, 52, 64, 80),
    "37": (30, 36, 44, 52),
    "39": (30, 37, 46, 55),
    "41": (38, 55, 78, 95),
    "41-2": (28, 32, 38, 44),
    "41-9031": (70, 95, 125, 145),
    "43": (34, 42, 50, 58),
    "45": (30, 37, 46, 55),
    "47": (38, 56, 70, 82),
    "49": (38, 54, 66, 76),
    "49-3011": (48, 66, 80, 92),
    "51": (34, 44, 54, 64),
    "53": (36, 50, 65, 80),
    "53-2011": (90, 140, 200, 250),
    "53-2012": (70, 95, 120, 140),
    "53-2021": (90, 130, 160, 180),
    "53-2031": (40, 55, 68, 78),
}

# ---------------------------------------------------------------------------------------------
# Education line by code prefix (longest wins); "{field}" is filled from the title for engineers.

EDUCATION = {
    "11": "Bachelor's degree in business administration or a related field; an MBA is a plus",
    "11-1011": "Bachelor's degree; an MBA or equivalent executive experience",
    "11-3021": "Bachelor's degree in computer science, information systems or a related field",
    "11-3031": "Bachelor's degree in finance or accounting; CPA or CFA preferred",
    "11-3051": "Bachelor's degree in engineering, operations management or a related field",
    "11-3071": "Bachelor's degree in supply chain management, logistics or business",
    "11-3111": "Bachelor's degree in human resources or business; SHRM-CP or CCP a plus",
    "11-3121": "Bachelor's degree in human resources or business; SHRM-CP or PHR a plus",
    "11-3131": "Bachelor's degree in human resources, education or business",
    "11-9013": "Degree in agriculture or agribusiness, or equivalent hands-on farm experience",
    "11-9021": "Bachelor's degree in construction management, civil engineering or similar",
    "11-903": "Master's degree in education or educational leadership and an administrator license",
    "11-9041": "Bachelor's degree in engineering; a professional engineering license is a plus",
    "11-9051": "Degree in hospitality or culinary management, or equivalent experience",
    "11-9081": "Degree in hospitality management or equivalent experience",
    "11-9111": "Bachelor's degree in health administration; a master's (MHA) is a plus",
    "11-9121": "Bachelor's degree in a life science, nursing or a related field",
    "11-9179": "Bachelor's degree in exercise science, kinesiology or a related field",
    "13": "Bachelor's degree in business, finance or a related field",
    "13-1031": "Bachelor's degree or equivalent experience; a state adjuster license",
    "13-1051": "Bachelor's degree in construction management, engineering or a related field",
    "13-107": "Bachelor's degree in human resources, business or psychology",
    "13-1081": "Bachelor's degree in supply chain management, logistics or business",
    "13-1111": "Bachelor's degree in business, economics or engineering; an MBA is a plus",
    "13-1121": "Bachelor's degree in hospitality, marketing or communications",
    "13-1141": "Bachelor's degree in human resources or business",
    "13-1151": "Bachelor's degree in human resources, education or a related field",
    "13-1161": "Bachelor's degree in marketing, communications or business",
    "13-2011": "Bachelor's degree in accounting; CPA license or progress towards it",
    "13-2051": "Bachelor's degree in finance, economics or accounting; CFA progress is a plus",
    "13-2052": "Bachelor's degree in finance or economics; CFP certification and Series 65",
    "13-2072": "Bachelor's degree in finance or business; NMLS registration",
    "13-2082": "High school diploma; IRS PTIN, and an enrolled agent credential is a plus",
    "15": "Bachelor's degree in computer science, software engineering or a related field",
    "15-1232": "Associate or bachelor's degree in IT, or equivalent experience; CompTIA A+ a plus",
    "15-1231": "Associate or bachelor's degree in IT; CCNA or CompTIA Network+ a plus",
    "15-1212": "Bachelor's degree in computer science or cybersecurity; Security+ or CISSP a plus",
    "15-1299.09": "Bachelor's degree in IT or business; PMP or Scrum certification a plus",
    "15-2": "Bachelor's or master's degree in statistics, mathematics, computer science or similar",
    "17": "Bachelor's degree in {field}",
    "17-1011": "Professional degree in architecture (B.Arch or M.Arch); licensure or progress "
    "towards it",
    "17-1022": "Bachelor's degree in surveying or geomatics; a state surveyor license",
    "17-3": "Associate degree in engineering technology or drafting, or equivalent experience",
    "19": "Bachelor's or master's degree in a relevant science",
    "19-2031": "Bachelor's or master's degree in chemistry",
    "19-3011": "Master's degree or PhD in economics",
    "19-3051": "Master's degree in urban or regional planning; AICP is a plus",
    "19-4": "Associate or bachelor's degree in a relevant science",
    "19-5011": "Bachelor's degree in occupational safety or a related field; CSP a plus",
    "21": "Bachelor's or master's degree in social work, counseling or psychology",
    "21-1014": "Master's degree in counseling and state licensure (LPC or LMHC)",
    "21-109": "High school diploma; a degree in social services or public health is a plus",
    "23-1": "Juris Doctor (JD) and admission to the state bar",
    "23-2": "Paralegal certificate or associate degree in paralegal studies",
    "25": "Bachelor's degree in education and a state teaching certificate",
    "25-1": "Master's degree or PhD in the subject; teaching experience at college level",
    "25-3": "Bachelor's degree in the subject or in education",
    "25-4": "Master's degree in library or information science",
    "25-9": "Bachelor's degree in education or instructional design",
    "25-9042": "Associate degree or two years of college; paraprofessional certificate",
    "27": "Bachelor's degree in design, fine arts or a related field, and a strong portfolio",
    "27-2022": "Bachelor's degree in physical education or sports science; coaching certification",
    "27-3": "Bachelor's degree in communications, journalism, English or a related field",
    "27-4": "Certificate or degree in film, media production or photography, and a portfolio",
    "29": "Degree in the relevant health discipline and an active state license",
    "29-1051": "Doctor of Pharmacy (PharmD) and an active pharmacist license",
    "29-1141": "BSN or ADN from an accredited program and an active RN license; BLS",
    "29-1171": "Master's degree in nursing, national NP certification and an active license",
    "29-12": "MD or DO, completed residency, board certification and a state medical license",
    "29-1123": "Doctor of Physical Therapy (DPT) and a state license",
    "29-2": "Completion of an accredited program and the matching certification",
    "29-2061": "Practical nursing diploma and an active LPN/LVN license",
    "29-2072": "Certificate or associate degree in health information; CCS or CPC certification",
    "31": "High school diploma and completion of a certified training program",
    "33": "High school diploma; completion of the required state training or academy",
    "33-3021.06": "Bachelor's degree in international relations, security studies or similar",
    "35": "Culinary school or equivalent kitchen experience; food handler certificate",
    "35-3": "High school diploma or equivalent; food handler or alcohol service certificate",
    "37": "High school diploma or equivalent; a driver's license",
    "39": "High school diploma or equivalent",
    "39-9031": "Nationally recognized personal training certification (NASM, ACE or similar); CPR",
    "39-5012": "Cosmetology license",
    "41": "Bachelor's degree in business or marketing preferred; sales experience counts too",
    "41-2": "High school diploma or equivalent",
    "41-3021": "High school diploma; a state insurance producer license",
    "41-9022": "High school diploma; a state real estate license",
    "41-9031": "Bachelor's degree in engineering or a technical field",
    "43": "High school diploma or equivalent; an associate degree is a plus",
    "45": "High school diploma; practical experience with farm work and equipment",
    "47": "High school diploma and a completed apprenticeship or trade school; license where "
    "required",
    "49": "Vocational training or an associate degree in a technical field",
    "49-3011": "FAA Airframe and Powerplant (A&P) certificate",
    "49-3023": "Automotive technology certificate; ASE certifications",
    "49-9021": "HVAC certificate or apprenticeship; EPA Section 608 certification",
    "51": "High school diploma; vocational or technical training",
    "53": "High school diploma or equivalent",
    "53-2011": "ATP certificate, FAA first-class medical and a type rating",
    "53-2012": "FAA commercial pilot certificate with instrument rating",
    "53-2021": "FAA Air Traffic Control certification",
    "53-2031": "FAA Certificate of Demonstrated Proficiency (we train new hires)",
    "53-3032": "Class A commercial driver's license (CDL) and a clean driving record",
    "53-7051": "High school diploma; forklift certification (we certify new hires)",
}

# Everyday duties per major group, added to the O*NET duties.
GROUP_DUTIES = {
    "11": ["Set goals and budgets for your area and report progress to leadership",
           "Hire, coach and develop the people on your team",
           "Improve processes and keep risks, costs and quality under control",
           "Work with other department heads on plans that span teams"],
    "13": ["Prepare clear reports and recommendations for managers",
           "Work with colleagues in finance, operations and sales",
           "Keep records accurate and in line with policies and regulations",
           "Find ways to simplify and automate recurring work"],
    "15": ["Write clear documentation and share what you know with the team",
           "Take part in planning, reviews and incident follow-ups",
           "Keep systems secure, monitored and up to date",
           "Work with product owners and users to understand what they need"],
    "17": ["Prepare drawings, specifications and technical reports",
           "Work with production, suppliers and clients to solve technical problems",
           "Check designs against codes, standards and budgets",
           "Support testing, commissioning and site visits"],
    "19": ["Collect and analyze data and write up your findings",
           "Follow safety, quality and documentation standards",
           "Maintain lab or field equipment and keep samples and records in order",
           "Present results to colleagues, clients or regulators"],
    "21": ["Keep accurate case notes and records", "Connect clients with community resources",
           "Work with families, schools, health providers and agencies",
           "Respond calmly to crises and follow safeguarding procedures"],
    "23": ["Research laws, regulations and precedents",
           "Draft and review documents and keep track of deadlines",
           "Keep client files organized and confidential",
           "Communicate clearly with clients, courts and opposing parties"],
    "25": ["Plan lessons and assess student progress",
           "Communicate regularly with families and colleagues",
           "Adapt teaching to students with different needs",
           "Keep a safe, organized and welcoming learning environment"],
    "27": ["Present ideas and revise work based on feedback",
           "Manage several projects and deadlines at once",
           "Keep files, assets and versions organized",
           "Work with clients, writers, designers and producers"],
    "29": ["Document care accurately in the electronic health record",
           "Work closely with physicians, nurses and the rest of the care team",
           "Educate patients and families about care and next steps",
           "Follow infection control, safety and privacy (HIPAA) rules"],
    "31": ["Record observations and report changes to the care team",
           "Keep rooms and equipment clean and ready",
           "Help patients or clients with comfort, mobility and daily needs",
           "Follow infection control and privacy rules"],
    "33": ["Write clear incident reports", "Follow procedures and keep up with required training",
           "Patrol, observe and respond to calls and alarms",
           "Work with other agencies and the public calmly and respectfully"],
    "35": ["Follow food safety and sanitation rules",
           "Keep stations stocked and clean during service",
           "Work as a team during busy service",
           "Receive deliveries and rotate stock"],
    "37": ["Follow safety procedures and use equipment and chemicals correctly",
           "Keep tools and equipment clean and in good repair",
           "Report damage, hazards and supply needs"],
    "39": ["Give friendly, attentive service to every client",
           "Keep records, schedules and work areas in order",
           "Follow health, safety and hygiene rules",
           "Recommend services and products that fit each client"],
    "41": ["Build relationships with new and existing customers",
           "Track leads and sales in the CRM and meet targets",
           "Prepare quotes, proposals and product demonstrations",
           "Share customer feedback with marketing and product teams"],
    "43": ["Keep files and records accurate and up to date",
           "Answer questions from customers and colleagues by phone and email",
           "Schedule appointments, meetings and deliveries",
           "Prepare simple reports and spreadsheets"],
    "45": ["Operate and maintain equipment safely", "Keep records of work done, inputs and yields",
           "Watch crops or animals for pests, disease and stress",
           "Follow safety, pesticide and animal welfare rules"],
    "47": ["Read blueprints and follow building codes", "Work safely and keep the job site clean",
           "Measure, cut and install materials to specification",
           "Use and maintain hand tools, power tools and equipment"],
    "49": ["Diagnose faults and keep service records",
           "Follow safety and lockout/tagout procedures",
           "Carry out preventive maintenance on schedule",
           "Order parts and explain repairs to customers or supervisors"],
    "51": ["Follow work instructions, quality checks and safety rules",
           "Keep your work area clean and report equipment problems",
           "Set up and adjust machines and tools",
           "Record production counts, scrap and downtime"],
    "53": ["Follow safety regulations and inspect equipment before use",
           "Keep logs and paperwork accurate",
           "Load, secure and unload cargo or assist passengers safely",
           "Communicate with dispatch, crews and customers"],
}

LEVEL_DUTY = {
    "entry": "Learn our tools and processes with support from experienced colleagues",
    "senior": "Mentor less experienced colleagues and review their work",
    "lead": "Lead a small team: set priorities, coach team members and report to management",
    "executive": "Set the strategy and lead the leadership team",
}
LEVELS = {"E": "entry", "M": "mid", "S": "senior", "L": "lead", "X": "executive"}
LEVEL_ORDER = ["entry", "mid", "senior", "lead", "executive"]
REQUIRED_COUNT = {"entry": 5, "mid": 6, "senior": 7, "lead": 8, "executive": 6}
YEARS = {"mid": (2, 4), "senior": (5, 7), "lead": (7, 10), "executive": (12, 15)}
TRADE_GROUPS = {"47"}  # entry level is an apprenticeship
# Jobs that are entry-level by nature keep their plain title at entry level (code prefixes).
NO_ENTRY_PREFIX = """25 31 35 37 39 43 45 21-109 23-1012 33-9032 41-2 47-2061 51-2092
    53-7""".split()
HANDS_ON_GROUPS = {"29", "31", "33", "45", "49", "51", "53"}  # entry title: "Entry-Level ..."
INTERN_GROUPS = {"13", "15", "17", "19", "27"}
PART_TIME_GROUPS = {"25", "29", "31", "35", "39", "41", "43"}
SENTENCE_DROP = ("Includes ", "Excludes ", "Must ")
DECLARATIVE_FIRST = {"Duties", "Activities", "These", "In", "They", "Often", "Some"}
DECLARATIVE_SECOND = {"is", "are", "include", "includes", "involves", "may", "can"}


# ---------------------------------------------------------------------------------------------


def by_prefix(table, code):
    best = None
    for prefix in table:
        if code.startswith(prefix) and (best is None or len(prefix) > len(best)):
            best = prefix
    return table[best] if best is not None else None


def parse_plan():
    rows = []
    for line in PLAN.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = re.split(r"\s{2,}", line)
        code, levels = parts[0].split()
        titles = parts[1].split("|") if len(parts) > 1 else []
        overrides = {}
        if len(parts) > 2:
            for item in parts[2].split(";"):
                key, value = item.split("=", 1)
                overrides[LEVELS[key.strip()]] = value.strip()
        rows.append((code, [LEVELS[c] for c in levels], titles, overrides))
    return rows


def load_onet(onet_dir):
    _, occupations = taxonomy.read_tsv(os.path.join(onet_dir, "occupation_data.tsv"))
    header, rows = taxonomy.read_tsv(os.path.join(onet_dir, "technology_skills.tsv"))
    col = {name: i for i, name in enumerate(header)}
    occ = {row[0]: (taxonomy.clean(row[1]), " ".join(row[2].split())) for row in occupations}
    tech = collections.defaultdict(list)  # code -> [(example, hot, in_demand)] in file order
    for row in rows:
        tech[row[col["O*NET-SOC Code"]]].append(
            (
                taxonomy.clean(row[col["Example"]]),
                row[col["Hot Technology"]] == "Y",
                row[col["In Demand"]] == "Y",
            )
        )
    return occ, tech


def load_skill_names(path):
    """O*NET example -> canonical display name, and the set of names that have no spellings
    (descriptive entries such as "Spreadsheet software")."""
    exact, folded, generic = {}, collections.defaultdict(set), set()
    with open(path, encoding="utf-8") as f:
        header_seen = False
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if not header_seen:
                header_seen = True
                continue
            name, forms = cells[0], cells[1]
            if not forms:
                generic.add(name)
            for spelling in [name] + [f.split("~")[0] for f in forms.split("|") if f]:
                exact.setdefault(spelling, name)
                folded[taxonomy.fold(spelling)].add(name)
    return exact, folded, generic


def canonical_skill(example, exact, folded):
    if example in exact:
        return exact[example]
    names = folded.get(taxonomy.fold(example), set())
    return next(iter(names)) if len(names) == 1 else example


NEIGHBOURS = 12  # occupations whose tools define what is typical for an occupation


def neighbour_usage(code, sets):
    """How many of the occupation's NEIGHBOURS most similar occupations (Jaccard similarity of
    their technology examples, everyday tools left out) use each example."""
    mine = sets[code]
    similar = []
    for other, theirs in sets.items():
        common = len(mine & theirs)
        if other != code and common:
            similar.append((-common / len(mine | theirs), other))
    similar.sort()
    counts = collections.Counter()
    for _, other in similar[:NEIGHBOURS]:
        counts.update(sets[other])
    return counts


def ranked_skills(code, tech, neighbours, skill_map):
    """The occupation's technology examples as canonical names, best first, with their sort keys.

    Order: In Demand, then Hot Technology, then other named products, then descriptive entries
    ("Spreadsheet software"); within each, by the share of similar occupations that use the
    skill, then name. A Hot Technology that fewer than a fifth of the similar occupations use
    counts as an other product ("Apache Spark" for nursing assistants)."""
    exact, folded, generic = skill_map
    best = {}
    for example, hot, demand in tech.get(code, []):
        name = canonical_skill(example, exact, folded)
        share = neighbours[example] / NEIGHBOURS
        tier = 0 if demand else 1 if hot and share >= 0.2 else 3 if name in generic else 2
        key = (tier, -round(share, 9), name.lower())
        if name not in best or key < best[name]:
            best[name] = key
    return [name for name, key in sorted(best.items(), key=lambda kv: kv[1])], best


def skill_usage(tech):
    usage = collections.Counter()
    for code, items in tech.items():
        usage.update({e for e, _, _ in items})
    return usage


def choose_skills(rng, code, level, tech, neighbours, skill_map, everyday):
    """(required, preferred) canonical skill names for one posting.

    Required: In Demand and Hot Technology first, then the occupation's other products, and last
    at most two `everyday` tools (the office suite O*NET lists for most occupations; more only
    when the occupation lists too few other tools). Preferred: the next 3-5 in that order."""
    names, keys = ranked_skills(code, tech, neighbours, skill_map)
    office = [n for n in names if n in everyday]
    names = [n for n in names if n not in everyday]
    flagged = [n for n in names if keys[n][0] <= 1]
    named = [n for n in names if keys[n][0] == 2]
    generic = [n for n in names if keys[n][0] == 3]
    want = REQUIRED_COUNT[level]
    main = want - min(2, len(office))
    pool = flagged[: main + 2]
    if len(pool) > main:
        # Some variety between postings of one occupation: drop up to two, keep the order.
        drop = set(rng.sample(range(len(pool)), len(pool) - main))
        pool = [n for i, n in enumerate(pool) if i not in drop]
    required = pool + [n for n in named + generic if n not in pool][: max(0, main - len(pool))]
    required += office[: want - len(required)]
    rest = [n for n in flagged + named if n not in required]
    # Preferred: the next ones in the same order, specific products before leftover generic ones,
    # one per leading word ("Medical Wizards ER Suite" and "Medical Wizards ..." are one vendor).
    rest.sort(key=lambda n: keys[n])
    rest += [n for n in generic if n not in required]
    preferred, vendors = [], set()
    for name in rest:
        vendor = name.split()[0].lower()
        if vendor not in vendors:
            preferred.append(name)
            vendors.add(vendor)
    preferred = preferred[: rng.randint(3, 5)]
    return required, preferred


def load_curated_titles(path):
    """title_aliases.tsv: ({canonical title: [O*NET-SOC codes]} for the rows that introduce a
    title, {spelling: canonical title} for every row)."""
    codes, canonical = {}, {}
    for alias, target, onet, _ in taxonomy.read_curated(path, ["alias", "canonical", "onet"]):
        canonical[alias] = target
        if alias == target and onet:
            codes[alias] = onet.split("|")
    return codes, canonical


def parse_skill_groups(specs):
    """["1-2 Python|Java&Spring Boot", ...] -> [(low, high, [("Python",), ("Java", "Spring
    Boot")]), ...]"""
    groups = []
    for spec in specs:
        count, options = spec.split(" ", 1)
        low, _, high = count.partition("-")
        groups.append((int(low), int(high or low),
                       [tuple(n.strip() for n in o.split("&")) for o in options.split("|")]))
    return groups


def skill_weights(codes, tech, skill_map):
    """Canonical skill name -> 3 (In Demand), 2 (Hot Technology) or 1, for the technology examples
    of the occupations `codes` (the best flag any of them gives)."""
    exact, folded, _ = skill_map
    weights = {}
    for code in codes:
        for example, hot, demand in tech.get(code, []):
            name = canonical_skill(example, exact, folded)
            weights[name] = max(weights.get(name, 0), 3 if demand else 2 if hot else 1)
    return weights


def weighted_sample(rng, options, weights, k):
    """k of `options` without replacement, each drawn in proportion to its weight
    (Efraimidis-Spirakis keys), in the order of `options`."""
    if k <= 0:
        return []
    keys = [(-(rng.random() ** (1.0 / weights[o])), i) for i, o in enumerate(options)]
    chosen = sorted(i for _, i in sorted(keys)[:k])
    return [options[i] for i in chosen]


MAX_REQUIRED = 8


def choose_role_skills(rng, groups, weights, base):
    """(required, preferred) for a posting of a Role: the options each group gives (those the
    title names first), then 3-5 of the options the groups left (but none of a group whose option
    the title names), In Demand and Hot more likely."""
    named = set(re.findall(r"[\w.+#]+", base))
    option_weight = {o: max(weights[n] for n in o) for _, _, options in groups for o in options}
    required, left = [], []
    for low, high, options in groups:
        forced = [o for o in options if named.intersection(o)]
        rest = [o for o in options if o not in forced]
        k = max(rng.randint(low, high), len(forced))
        picked = forced + weighted_sample(rng, rest, option_weight, k - len(forced))
        for option in picked:
            required += [n for n in option if n not in required]
        if not forced:  # a "Go Developer" posting does not wish for Java instead
            left += [o for o in rest if o not in picked]
    overflow, required = required[MAX_REQUIRED:], required[:MAX_REQUIRED]
    preferred = list(overflow)
    for option in weighted_sample(rng, left, option_weight, rng.randint(3, 5)):
        preferred += [n for n in option if n not in required and n not in preferred]
    return required, preferred[:5]


def base_titles(code, onet_title, titles):
    if titles:
        return titles
    if code in TITLE_FIX:
        return [TITLE_FIX[code]]
    variants = [v for v in taxonomy.title_variants(onet_title) if not v.endswith(" Occupation")]
    return variants[:1] or [taxonomy.singular_main(onet_title)]


def level_title(code, base, level, overrides):
    group = code[:2]
    if level in overrides:
        return overrides[level]
    if level == "entry":
        if any(code.startswith(p) for p in NO_ENTRY_PREFIX):
            return base
        if group in TRADE_GROUPS:
            return "Apprentice " + base
        if group in HANDS_ON_GROUPS:
            return "Entry-Level " + base
        return "Junior " + base
    if level == "senior":
        return "Senior " + base
    if level == "lead":
        return "Lead " + base
    return base


def sentences(description):
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", description) if s.strip()]


def lower_first(text):
    first = text.split()[0]
    if len(first) > 1 and first.isupper():
        return text  # an acronym
    return text[0].lower() + text[1:]


def describe_duties(description):
    """('You will ...' paragraph, [responsibility bullets]) from the O*NET description."""
    parts = sentences(description)
    intro = ["You will " + lower_first(parts[0])]
    bullets = []
    for s in parts[1:]:
        words = s.split()
        if s.startswith(SENTENCE_DROP):
            continue
        if words[0].rstrip(",") == "May":
            rest = re.sub(r"^also ", "", s[len(words[0]) :].lstrip(", "))
            also = "" if any(i.startswith("You may") for i in intro) else "also "
            intro.append(f"You may {also}" + lower_first(rest))
        elif words[0] in DECLARATIVE_FIRST or (len(words) > 1 and words[1] in DECLARATIVE_SECOND):
            intro.append(s)
        else:
            bullets.append(s.rstrip("."))
    return " ".join(intro), bullets


def join_words(items):
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def engineering_field(title):
    m = re.match(r"^(.*?)\s*Engineer\b", title)
    if m and m.group(1):
        return m.group(1).lower() + " engineering or a related field"
    return "engineering or a related field"


def salary(rng, code, level, employment_type, table=None):
    table = table or by_prefix(SALARY, code)
    if level == "executive":
        mid = table[3] * 1.6
    else:
        mid = table[["entry", "mid", "senior", "lead"].index(level)]
    mid *= 1000 * rng.uniform(0.94, 1.06)
    factor = {"part-time": 0.55, "contract": 1.15, "internship": 0.6}.get(employment_type, 1.0)
    mid *= factor
    spread = rng.uniform(0.10, 0.18)
    step = 1000 if mid >= 20000 else 500
    low = int(round(mid * (1 - spread) / step) * step)
    high = int(round(mid * (1 + spread) / step) * step)
    return low, high


def article(title):
    word = title.split()[0].split("/")[0]
    if len(word) > 1 and word.isupper():  # an acronym, read letter by letter: "an HVAC", "a QA"
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    return "an" if word[0].upper() in "AEIOU" else "a"


def money(value):
    return f"${value:,}"


class Catalogue:
    def __init__(self, onet_dir):
        self.occ, self.tech = load_onet(onet_dir)
        self.usage = skill_usage(self.tech)
        self.skill_map = load_skill_names(SKILLS)
        # Tools O*NET lists for at least a third of all occupations with technology examples.
        floor = len(self.tech) / 3
        everyday = {e for e, n in self.usage.items() if n >= floor}
        self.everyday = {canonical_skill(e, *self.skill_map[:2]) for e in everyday}
        self.sets = {code: {e for e, _, _ in items} - everyday for code, items in self.tech.items()}
        self.neighbours = {}
        self.rng = random.Random(SEED)
        self.companies = collections.defaultdict(list)
        for name, sector, blurb in COMPANIES:
            self.companies[sector].append((name, blurb))
        self.company_use = collections.Counter()
        self.taken = set()  # (company, title)
        self.role_codes, self.title_canonical = load_curated_titles(TITLE_ALIASES)
        self.role_skills = {}  # role title -> (skill groups, skill weights); see check_roles

    def pick_company(self, code, title, sectors=None):
        """A company of a sector that hires for `code` (or of `sectors`), not yet hiring a
        `title`: the import's job_id hashes source, company, title and url, so (company, title)
        must be unique."""
        sectors = (sectors or by_prefix(SECTORS, code)).split()
        choices = [c for s in sectors for c in self.companies[s] if (c[0], title) not in self.taken]
        # Least used first, so the catalogue spreads over all companies; ties at random.
        low = min(self.company_use[c[0]] for c in choices)
        candidates = [c for c in choices if self.company_use[c[0]] <= low + 1]
        name, blurb = self.rng.choice(candidates)
        self.company_use[name] += 1
        self.taken.add((name, title))
        return name, blurb

    def pick_location(self, code, employment_type, remote_share=None):
        """(location, remote): fully remote at `remote_share` (default 30 % for REMOTE_OK
        occupations), else a farm town, a European city (25 %) or a US city."""
        group = code[:2]
        if remote_share is None:
            remote_share = 0.3 if any(code.startswith(p) for p in REMOTE_OK) else 0.0
        if remote_share and employment_type != "internship" and self.rng.random() < remote_share:
            return self.rng.choice(REMOTE), True
        if any(code.startswith(p) for p in FARM_LOCATION):
            return self.rng.choice(split_list(FARM_CITIES)), False
        if group in EUROPE_OK and self.rng.random() < 0.25:
            return self.rng.choice(split_list(EU_CITIES)), False
        return self.rng.choice(split_list(US_CITIES)), False

    def pick_type(self, code, level):
        group = code[:2]
        r = self.rng.random()
        if level == "entry" and group in INTERN_GROUPS and r < 0.22:
            return "internship"
        if group in PART_TIME_GROUPS and level in ("entry", "mid") and r > 0.88:
            return "part-time"
        if level in ("mid", "senior") and group in {"13", "15", "17", "27"} and r > 0.9:
            return "contract"
        return "full-time"

    def posting(self, code, level, base, title, role=None, remote_share=None):
        """One posting for occupation `code`, or for a curated `role` (its first occupation is
        `code`): `base` is the plain title, `title` with its level; `remote_share` as in
        pick_location."""
        group = code[:2]
        rng = self.rng
        employment_type = self.pick_type(code, level)
        if employment_type == "internship":
            title = base + " Intern"
        company, blurb = self.pick_company(code, title, role and role.sectors)
        location, remote = self.pick_location(code, employment_type, remote_share)
        if role:
            required, preferred = choose_role_skills(rng, *self.role_skills[role.title], base)
        else:
            if code not in self.neighbours:
                self.neighbours[code] = neighbour_usage(code, self.sets)
            required, preferred = choose_skills(
                rng, code, level, self.tech, self.neighbours[code], self.skill_map, self.everyday
            )
        low, high = salary(rng, code, level, employment_type, role and role.salary)

        where = "working remotely" if remote else "in " + location.rsplit(", ", 1)[0]
        intro = f"{company} {blurb}. We are hiring {article(title)} {title} {where}."
        if role:
            # Four of the role's duties, in their order.
            picks = sorted(rng.sample(range(len(role.duties)), min(4, len(role.duties))))
            you_will, bullets = role.about, [role.duties[i] for i in picks]
        else:
            you_will, onet_bullets = describe_duties(self.occ[code][1])
            bullets = onet_bullets[:3]
            extras = list(GROUP_DUTIES.get(group, []))
            rng.shuffle(extras)
            bullets += extras[: max(1, 4 - len(bullets))]  # 4-5 bullets with the level's duty
        paragraphs = [intro, you_will]
        if level in LEVEL_DUTY and employment_type != "internship":
            bullets.append(LEVEL_DUTY[level])
        paragraphs.append("What you will do:\n" + "\n".join("- " + b for b in bullets))

        reqs = []
        if employment_type == "internship":
            reqs.append("Currently studying towards a relevant degree")
        elif level == "entry":
            if group in HANDS_ON_GROUPS | TRADE_GROUPS:
                other = "No prior experience required; we provide training"
            else:
                other = "Up to 2 years of relevant experience, including internships"
            reqs.append(rng.choice(["0-2 years of experience; recent graduates welcome", other]))
        else:
            lo, hi = YEARS[level]
            years = rng.randint(lo, hi)
            if level == "executive":
                reqs.append(f"{years}+ years of experience, including at least five in senior "
                            "leadership")
            else:
                reqs.append(f"{years}+ years of experience as {article(base)} {base} or in a "
                            "similar role")
        education = (role and role.education) or by_prefix(EDUCATION, code)
        if education:
            reqs.append(education.replace("{field}", engineering_field(base)))
        if required:
            reqs.append("Experience with " + join_words(required))
        if role and role.bring:
            reqs.append(role.bring)
        paragraphs.append("What you bring:\n" + "\n".join("- " + r for r in reqs))
        if preferred:
            paragraphs.append("Nice to have: " + join_words(preferred) + ".")

        kind = {"full-time": "a full-time", "part-time": "a part-time", "contract":
                "a 12-month contract", "internship": "a paid 12-week internship"}[employment_type]
        place = "fully remote" if remote else "based in " + location
        paragraphs.append(f"This is {kind} position, {place}. Pay: {money(low)} - {money(high)} "
                          "a year (annualized), plus benefits.")

        posted = LAST_DAY - datetime.timedelta(days=rng.randint(1, 60))
        return {
            "title": title,
            "company": company,
            "location": location,
            "remote": remote,
            "url": None,
            "source": "demo",
            "description": "\n\n".join(paragraphs),
            "required_skills": required,
            "preferred_skills": preferred,
            "tags": [GROUP_TAGS[group]] + required[:4],
            "salary_min": low,
            "salary_max": high,
            "salary_currency": "USD",
            "employment_type": employment_type,
            "experience_level": level,
            "posted_date": posted.isoformat(),
        }


GROUP_TAGS = {
    "11": "Management", "13": "Business & Finance", "15": "IT & Data", "17": "Engineering",
    "19": "Science", "21": "Social Services", "23": "Legal", "25": "Education",
    "27": "Design & Media", "29": "Healthcare", "31": "Healthcare Support",
    "33": "Protective Services", "35": "Hospitality & Food", "37": "Facilities",
    "39": "Personal Care & Fitness", "41": "Sales", "43": "Office & Admin", "45": "Agriculture",
    "47": "Construction", "49": "Maintenance & Repair", "51": "Manufacturing",
    "53": "Transportation & Logistics",
}


def pick_singles(cat, planned, count):
    """`count` more occupations, one posting each: per major group in proportion to
    SINGLE_WEIGHTS, within a group those with the most technology examples first."""
    eligible = collections.defaultdict(list)
    for code, (title, _) in cat.occ.items():
        group = code[:2]
        if (code in planned or code in EXCLUDE or group not in SINGLE_WEIGHTS
                or len(cat.tech.get(code, [])) < 5 or "All Other" in title):
            continue
        eligible[group].append((-len(cat.tech[code]), code))
    for group in eligible:
        eligible[group].sort()
    total = sum(SINGLE_WEIGHTS.values())
    quota = {g: count * w / total for g, w in SINGLE_WEIGHTS.items()}
    taken = collections.Counter()
    picks = []
    while len(picks) < count:
        # The group furthest below its quota that still has candidates.
        open_groups = [g for g in sorted(SINGLE_WEIGHTS) if taken[g] < len(eligible[g])]
        if not open_groups:
            break
        g = min(open_groups, key=lambda g: (taken[g] / quota[g], g))
        picks.append(eligible[g][taken[g]][1])
        taken[g] += 1
    return sorted(picks)


def check_roles(cat, plan_titles):
    """Checks ROLES against title_aliases.tsv and O*NET and records each role's skill groups and
    weights in cat.role_skills."""
    titles = {role.title for role in ROLES}
    if len(titles) != len(ROLES):
        sys.exit("ROLES: a title is listed twice")
    missing = sorted(set(cat.role_codes) - titles - plan_titles)
    if missing:
        sys.exit("ROLES: curated titles with no postings: " + ", ".join(missing))
    for role in ROLES:
        if role.title not in cat.role_codes:
            sys.exit(f"ROLES: {role.title} is not a curated title in title_aliases.tsv")
        for spelling in role.titles:
            if cat.title_canonical.get(spelling) != role.title:
                sys.exit(f"ROLES: {spelling} is not a title_aliases.tsv spelling of {role.title}")
        codes = cat.role_codes[role.title] + list(role.also)
        for code in codes:
            if code not in cat.tech:
                sys.exit(f"ROLES: {role.title}: no technology examples for {code}")
        weights = skill_weights(codes, cat.tech, cat.skill_map)
        groups = parse_skill_groups(role.skills)
        for _, _, options in groups:
            for name in (n for option in options for n in option):
                if name not in weights:
                    sys.exit(f"ROLES: {role.title}: {name} is not a technology example of "
                             + " ".join(codes))
        cat.role_skills[role.title] = (groups, weights)


def build(onet_dir, report):
    cat = Catalogue(onet_dir)
    plan = parse_plan()
    planned = {code for code, *_ in plan}
    for code, *_ in plan:
        if code not in cat.occ:
            sys.exit(f"PLAN: unknown O*NET-SOC code {code}")
    if len(planned) != len(plan):
        sys.exit("PLAN: an occupation is listed twice")
    planned_count = sum(len(levels) for _, levels, _, _ in plan)
    singles = pick_singles(cat, planned, TARGET - planned_count)
    rows = [(code, None, levels, titles, overrides) for code, levels, titles, overrides in plan]
    rows += [(code, None, ["mid"], [], {}) for code in singles]
    plan_titles = {t for _, _, titles, overrides in plan for t in titles + list(overrides.values())}
    check_roles(cat, plan_titles)
    for role in ROLES:
        levels = [LEVELS[c] for c in role.levels]
        rows.append((cat.role_codes[role.title][0], role, levels, list(role.titles) or [role.title],
                     role.overrides))
    rows.sort(key=lambda r: (r[0], r[1].title if r[1] else ""))

    postings, role_remote = [], 0
    for code, role, levels, titles, overrides in rows:
        source = cat.occ[code][0]
        bases = base_titles(code, source, titles)
        order = sorted(range(len(levels)), key=lambda i: LEVEL_ORDER.index(levels[i]))
        # A role's remote postings: its share of them, so that each title has some.
        remote_at = set(cat.rng.sample(order, round(len(order) * role.remote))) if role else ()
        for n, i in enumerate(order):
            level = levels[i]
            base = bases[n % len(bases)]
            if role and role.plain:
                title = overrides.get(level, base)
            else:
                title = level_title(code, base, level, overrides)
            share = (1.0 if i in remote_at else 0.0) if role else None
            postings.append(cat.posting(code, level, base, title, role, share))
            role_remote += bool(role and postings[-1]["remote"])
            if report:
                what = f"role {role.title}" if role else source
                print(f"{code}  {level:9} {postings[-1]['title']}  <- {what}", file=sys.stderr)
    if report:
        groups = collections.Counter(p["tags"][0] for p in postings)
        print(f"postings: {len(postings)}; occupations: {len(rows) - len(ROLES)}; curated "
              f"titles: {len(ROLES)}", file=sys.stderr)
        for tag, n in groups.most_common():
            print(f"  {n:4}  {tag}", file=sys.stderr)
        types = collections.Counter(p["employment_type"] for p in postings)
        print("employment types:", dict(types), file=sys.stderr)
        print("levels:", dict(collections.Counter(p["experience_level"] for p in postings)),
              file=sys.stderr)
        print("remote:", sum(p["remote"] for p in postings), file=sys.stderr)
        print("curated-title postings:", sum(len(r.levels) for r in ROLES), "remote:",
              role_remote, file=sys.stderr)
        print("companies used:", len(cat.company_use), "of", len(COMPANIES), file=sys.stderr)
    lines = [json.dumps(p, ensure_ascii=False) for p in postings]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--onet", default=DEFAULT_ONET, help="folder with the O*NET TSV files")
    parser.add_argument("--out", default=DEFAULT_OUT,
                        help="output file (default core/data/demo_jobs.jsonl)")
    parser.add_argument("--report", action="store_true",
                        help="print every title and totals to stderr")
    args = parser.parse_args()
    for name in ("occupation_data.tsv", "technology_skills.tsv"):
        if not os.path.isfile(os.path.join(args.onet, name)):
            sys.exit(f"{os.path.join(args.onet, name)} not found; pass --onet DIR")
    text = build(args.onet, args.report)
    size = len(text.encode())
    if size > MAX_BYTES:
        sys.exit(f"catalogue is {size} bytes, more than {MAX_BYTES}")
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {os.path.relpath(args.out, REPO)}: {text.count(chr(10))} postings, {size} bytes")


if __name__ == "__main__":
    main()
