"""Chinese for enterprise special funds at work (issue 15, item 5): fund managers finding and
paying for cases, enterprises' funds in matching and the proposal, and the charity holding a
fund issuing its receipts (merged by translate_zh_hans.py)."""

ZH = {
    # finding a case to pay for
    "Accepted referrals your special funds may pay for (their categories and regions admit the case), and those your funds already paid into. Open a referral to read the situation and commit money from your fund.": "您的专项基金可资助的已接收转介（基金的救助类别和地区包含该个案），以及基金已资助过的转介。打开转介可查看情况说明并从基金拨付资金。",
    "situation (anonymized)": "情况说明（已匿名）",
    "Cases this fund may pay for": "本基金可资助的个案",
    "Accepted referrals whose case this fund's categories and regions admit, anonymized. Open one to read the situation and commit money from this fund.": "本基金的救助类别和地区包含其个案的已接收转介（已匿名）。打开转介可查看情况说明并从本基金拨付资金。",
    "No accepted referral this fund may pay for right now.": "目前没有本基金可资助的已接收转介。",
    "Only staff of the fund's holder look for cases to fund.": "只有基金所属单位的工作人员才能查找可资助的个案。",
    "The situation as the public would read it (anonymized).": "公众可见的情况说明（已匿名）。",
    # matching and the proposal
    "The special fund %(fund)s of %(owner)s, which may pay for this case, holds %(available)s and may fund part of the gap; its fund managers commit it once the charity accepts.": "%(owner)s的专项基金“%(fund)s”可用于此个案，现有资金 %(available)s，可资助部分缺口；慈善组织接收转介后，由基金管理人拨付。",
    "The special fund %(fund)s of %(owner)s, which may pay for this case, holds %(available)s; it needs %(needed)s for this case. Its fund managers commit it once the charity accepts.": "%(owner)s的专项基金“%(fund)s”可用于此个案，现有资金 %(available)s；此个案需要 %(needed)s。慈善组织接收转介后，由基金管理人拨付。",
    "The fund may pay for this category of hardship.": "本基金可资助此类困难。",
    "The fund may pay for any category of hardship.": "本基金可资助各类困难。",
    "The case's county (%(county)s) lies in the fund's regions.": "个案所在县区（%(county)s）在本基金资助地区内。",
    "The fund may pay for cases anywhere.": "本基金不限资助地区。",
    "It holds %(available)s now.": "现有资金 %(available)s。",
    "The enterprise's fund managers commit it once a charity accepts the referral.": "慈善组织接收转介后，由企业的基金管理人拨付。",
    "The charity holding it allocates it to its own projects' referrals.": "由持有该基金的慈善组织拨付给其本组织项目的转介。",
    "Always special_fund.": "固定为 special_fund（专项基金）。",
    "An enterprise's fund: its own fund managers commit it, not the charity.": "企业的专项基金：由企业自己的基金管理人拨付，而非慈善组织。",
    "The project's own money, or a special fund (of its charity, or an enterprise's).": "项目自有资金，或专项基金（其慈善组织的或企业的）。",
    "Special funds that may pay for this case": "可资助此个案的专项基金",
    "Special funds whose categories and regions admit this case and that hold money now. Refer the case to a charity project; once the charity accepts, the fund's holder can commit money to the referral.": "救助类别和地区包含此个案且现有资金的专项基金。请将个案转介给慈善项目；慈善组织接收后，基金方即可向该转介拨付资金。",
    "Why this fund": "为何匹配此基金",
    "Which referrals would cover the most urgent need in your jurisdiction with the money open projects, their charities' special funds and enterprises' special funds hold now (a critical case weighs four times, an urgent one twice). Nothing is referred until you confirm each referral; the charity then accepts or declines it as usual.": "用在办慈善项目、其所属慈善组织的专项基金以及企业专项基金现有的资金，哪些转介能最大程度覆盖本辖区的紧急需求（危急按四倍、紧急按两倍计）。每一条转介都须您确认后才会发出；慈善组织随后照常接收或拒绝。",
    # the charity holding a fund, and its receipts
    "holding charity": "托管慈善组织",
    "set up by": "设立方",
    "The charity that receives the fund's gifts and issues their receipts.": "接收本基金捐赠并开具捐赠票据的慈善组织。",
    "For an enterprise's fund: the charity it is set up in, which receives the gifts and issues the receipts. A charity's own fund is held by the charity: leave empty.": "企业专项基金：填写设立该基金的慈善组织，由其接收捐赠并开具票据。慈善组织自己的基金由本组织持有，此项留空。",
    "The charity that holds an enterprise's fund: it receives the gifts and issues the receipts. A charity's own fund is held by the charity.": "托管企业专项基金的慈善组织：由其接收捐赠并开具票据。慈善组织自己的基金由本组织持有。",
    "A charity's own fund is held by the charity itself.": "慈善组织自己的基金只能由本组织持有。",
    "Name the charity that holds this fund: it receives the fund's gifts and issues their receipts (an enterprise does not issue donation receipts).": "请指定托管本基金的慈善组织：由其接收捐赠并开具捐赠票据（企业不能开具捐赠票据）。",
    "A special fund is held by an active charity, not by %(name)s.": "专项基金须由在册的慈善组织托管，不能由%(name)s托管。",
    "This fund has no holding charity yet, so no receipt could be issued for a gift to it; its fund managers name one first.": "本基金尚未指定托管慈善组织，无法为捐赠开具票据；请基金管理人先指定托管组织。",
}
