"""Chinese for what charities and fund holders are told when a public text names a person, and
for what a referral's receiver reads of the case (merged by translate_zh_hans.py)."""

ZH = {
    "As the receiving organisation reads it: names, numbers, addresses and diagnoses are masked.": "以下为接收机构所见内容：姓名、号码、地址和具体病名均已隐去。",
    "The case's situation, anonymized: names, numbers and addresses masked.": "个案困难情况（已匿名化）：姓名、号码和地址均已隐去。",
}
