"""Chinese for the site's own error pages in development (merged by translate_zh_hans.py)."""

ZH = {
    "Something went wrong": "出错了",
    "The page could not be shown because of an error on our side. It has been recorded. Please try again in a few minutes.": "由于我们这边的错误，页面暂时无法显示。错误已被记录，请过几分钟再试。",
    "If you need help urgently, call the social assistance hotline 12349 or go to your township office.": "如需紧急求助，请拨打社会救助服务热线 12349，或前往所在乡镇（街道）办事处。",
}
