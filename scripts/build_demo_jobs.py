#!/usr/bin/env python3
"""Builds the demo job catalogue (core/data/demo_jobs.jsonl) from O*NET data.

Inputs: O*NET occupation_data.tsv and technology_skills.tsv (CC BY 4.0, see core/data/NOTICE.md)
and core/data/skills.tsv (canonical skill names). The output is deterministic (same inputs, same
bytes: one seeded RNG, used in a fixed order), LF-terminated, and committed, so the library and its
tests do not need the O*NET files.

    python3 scripts/build_demo_jobs.py [--onet DIR] [--out FILE] [--report]

Output: JSON Lines, one posting per line, with exactly the Job fields an import accepts
(docs: api-v2.md §4.1/§4.2): title, company, location, remote, url (null), source ("demo"),
description, required_skills, preferred_skills, tags, salary_min, salary_max, salary_currency
("USD"), employment_type, experience_level, posted_date.

What comes from O*NET: the occupations, their titles (made singular and split at "and", as in
build_taxonomy.py), the duties in the description (O*NET's description rephrased), and the skills
(the occupation's technology examples, shown by their canonical names in skills.tsv). What is
invented: companies, locations, salaries, employment types, dates, years of experience and
education lines (tables below).
"""

import argparse
import collections
import datetime
import json
import os
import random
import re
import sys

import build_taxonomy as taxonomy  # read_tsv, clean, fold, title_variants: one set of rules

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_ONET = os.path.join(REPO, "..", "shared", "datasets", "onet")
DEFAULT_OUT = os.path.join(REPO, "core", "data", "demo_jobs.jsonl")
SKILLS = os.path.join(REPO, "core", "data", "skills.tsv")

SEED = 20261201
TARGET = 480  # postings in the catalogue
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
15-1252.00 EMMSSL    Software Developer|Software Engineer
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


def salary(rng, code, level, employment_type):
    table = by_prefix(SALARY, code)
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
    return "an" if word[0] in "AEIOU" else "a"


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

    def pick_company(self, code, title):
        """A company of a sector that hires for `code`, not yet hiring a `title`: the import's
        job_id hashes source, company, title and url, so (company, title) must be unique."""
        sectors = by_prefix(SECTORS, code).split()
        choices = [c for s in sectors for c in self.companies[s] if (c[0], title) not in self.taken]
        # Least used first, so the catalogue spreads over all companies; ties at random.
        low = min(self.company_use[c[0]] for c in choices)
        candidates = [c for c in choices if self.company_use[c[0]] <= low + 1]
        name, blurb = self.rng.choice(candidates)
        self.company_use[name] += 1
        self.taken.add((name, title))
        return name, blurb

    def pick_location(self, code, employment_type):
        group = code[:2]
        remote_ok = any(code.startswith(p) for p in REMOTE_OK)
        if remote_ok and employment_type != "internship" and self.rng.random() < 0.3:
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

    def posting(self, code, level, base, title):
        """One posting for occupation `code`: `base` is the plain title, `title` with its level."""
        description = self.occ[code][1]
        group = code[:2]
        rng = self.rng
        employment_type = self.pick_type(code, level)
        if employment_type == "internship":
            title = base + " Intern"
        company, blurb = self.pick_company(code, title)
        location, remote = self.pick_location(code, employment_type)
        if code not in self.neighbours:
            self.neighbours[code] = neighbour_usage(code, self.sets)
        required, preferred = choose_skills(
            rng, code, level, self.tech, self.neighbours[code], self.skill_map, self.everyday
        )
        low, high = salary(rng, code, level, employment_type)

        you_will, onet_bullets = describe_duties(description)
        where = "working remotely" if remote else "in " + location.rsplit(", ", 1)[0]
        intro = f"{company} {blurb}. We are hiring {article(title)} {title} {where}."
        paragraphs = [intro, you_will]

        bullets = onet_bullets[:3]
        extras = list(GROUP_DUTIES.get(group, []))
        rng.shuffle(extras)
        bullets += extras[: max(1, 4 - len(bullets))]  # 4-5 bullets with the level's duty
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
        education = by_prefix(EDUCATION, code)
        if education:
            reqs.append(education.replace("{field}", engineering_field(base)))
        if required:
            reqs.append("Experience with " + join_words(required))
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
    rows = plan + [(code, ["mid"], [], {}) for code in singles]
    rows.sort(key=lambda r: r[0])

    postings = []
    for code, levels, titles, overrides in rows:
        onet_title = cat.occ[code][0]
        bases = base_titles(code, onet_title, titles)
        order = sorted(range(len(levels)), key=lambda i: LEVEL_ORDER.index(levels[i]))
        for n, i in enumerate(order):
            level = levels[i]
            base = bases[n % len(bases)]
            title = level_title(code, base, level, overrides)
            postings.append(cat.posting(code, level, base, title))
            if report:
                print(f"{code}  {level:9} {postings[-1]['title']}  <- {onet_title}",
                      file=sys.stderr)
    if report:
        groups = collections.Counter(p["tags"][0] for p in postings)
        print(f"postings: {len(postings)}; occupations: {len(rows)}", file=sys.stderr)
        for tag, n in groups.most_common():
            print(f"  {n:4}  {tag}", file=sys.stderr)
        types = collections.Counter(p["employment_type"] for p in postings)
        print("employment types:", dict(types), file=sys.stderr)
        print("levels:", dict(collections.Counter(p["experience_level"] for p in postings)),
              file=sys.stderr)
        print("remote:", sum(p["remote"] for p in postings), file=sys.stderr)
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
