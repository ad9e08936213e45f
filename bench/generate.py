#!/usr/bin/env python3
"""Generates a synthetic Vietnamese news archive for benchmarks.

    bench/generate.py N OUT [--seed S] [--no-hugo]

Writes OUT/bantin (a Bantin site), OUT/hugo (the equivalent Hugo site: articles, paginated home,
one paginated term page per document and per tag, documents listed in front matter) and
OUT/bodies.md (every body concatenated, for the cmark floor). Text comes from phrase banks written
for this project; bodies follow the size of real reports (median about 8 KB, tail to about 40 KB),
dates 2010–2024, about 60 documents cited with Zipf frequencies in their varied written forms.
"""
import math
import os
import random
import sys

SUBJECTS = [
    "Ban Thường vụ Tỉnh ủy", "Thành ủy", "Huyện ủy", "Đảng ủy khối cơ quan", "Ủy ban nhân dân tỉnh",
    "Mặt trận Tổ quốc các cấp", "Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ", "các chi bộ trực thuộc",
    "cán bộ, đảng viên", "người đứng đầu cơ quan", "Ban Tuyên giáo", "Ủy ban Kiểm tra", "các sở, ngành",
    "chính quyền cơ sở", "lực lượng vũ trang", "Hội Nông dân", "Hội Cựu chiến binh",
]
VERBS = [
    "đã tổ chức quán triệt", "tiếp tục triển khai", "chỉ đạo thực hiện nghiêm", "sơ kết việc thực hiện",
    "xây dựng kế hoạch thực hiện", "kiểm tra, giám sát việc thực hiện", "tuyên truyền sâu rộng",
    "đánh giá kết quả thực hiện", "cụ thể hóa", "đẩy mạnh học tập",
]
OBJECTS = [
    "công tác xây dựng Đảng", "nhiệm vụ phát triển kinh tế - xã hội", "phong trào thi đua yêu nước",
    "việc học tập và làm theo tấm gương đạo đức của Bác", "cải cách thủ tục hành chính",
    "công tác cán bộ", "chương trình xây dựng nông thôn mới", "công tác dân vận",
    "việc phòng, chống tham nhũng, lãng phí", "chuyển đổi số trong cơ quan nhà nước",
    "công tác bảo vệ môi trường", "việc nâng cao chất lượng sinh hoạt chi bộ",
]
TAILS = [
    "với nhiều cách làm sáng tạo", "gắn với nhiệm vụ chính trị của địa phương", "đạt kết quả tích cực",
    "bảo đảm đúng tiến độ đề ra", "tạo chuyển biến rõ nét trong nhận thức", "được nhân dân đồng tình ủng hộ",
    "nhưng vẫn còn một số hạn chế cần khắc phục", "theo đúng quy định", "trên địa bàn toàn tỉnh",
]
NUMBERS = [
    "Trong năm, toàn tỉnh có {n} tập thể và {m} cá nhân được khen thưởng.",
    "Tỷ lệ cán bộ, đảng viên tham gia đạt {p},{q}%.",
    "Đã có {n} mô hình hay được nhân rộng ở cơ sở.",
    "Hơn {n} lượt người dân được tiếp nhận và giải quyết kiến nghị.",
]
PLACES = ["Cần Thơ", "Thanh Hóa", "Quảng Ninh", "Đà Nẵng", "Nghệ An", "An Giang", "Đắk Lắk", "Thừa Thiên Huế",
          "Bình Dương", "Lào Cai", "Sóc Trăng", "Hà Giang", "Bến Tre", "Phú Yên", "Hải Dương", "Tây Ninh"]
HEADINGS = ["Kết quả nổi bật", "Những mô hình hay", "Hạn chế và nguyên nhân", "Bài học kinh nghiệm",
            "Nhiệm vụ thời gian tới", "Chuyển biến từ cơ sở", "Gắn với nhiệm vụ chính trị", "Vai trò nêu gương"]
TAGS = ["Xây dựng Đảng", "Học tập và làm theo Bác", "Cải cách hành chính", "Nông thôn mới", "Công tác cán bộ",
        "Dân vận", "Chuyển đổi số", "Môi trường", "Thanh niên", "Phụ nữ", "Quốc phòng", "Kinh tế", "Giáo dục",
        "Y tế", "Văn hóa", "Du lịch", "Nông nghiệp", "Công nghiệp", "Đối ngoại", "Tuyên giáo", "Kiểm tra, giám sát",
        "Phòng chống tham nhũng", "Nêu gương", "Đại hội Đảng", "Sắp xếp bộ máy", "Tôn giáo", "Dân tộc", "Biển đảo",
        "Khoa học", "Lao động", "An sinh xã hội", "Giảm nghèo", "Giao thông", "Đô thị", "Đất đai", "Tài chính",
        "Ngân sách", "Đầu tư công", "Doanh nghiệp", "Hợp tác xã", "Thủy lợi", "Phòng chống thiên tai", "Thể thao",
        "Báo chí", "Xuất bản", "Thi đua khen thưởng", "Tư pháp", "Tiếp công dân", "Văn thư lưu trữ", "Cựu chiến binh"]
PARTY_TYPES = [("Chỉ thị", "CT"), ("Nghị quyết", "NQ"), ("Kết luận", "KL"), ("Quy định", "QĐ"), ("Kế hoạch", "KH"),
               ("Hướng dẫn", "HD")]


def documents(rng):
    """About 60 documents, each with several written forms and a hugo term name."""
    docs = []
    for n in range(1, 46):
        word, code = PARTY_TYPES[n % len(PARTY_TYPES)]
        num = n * 3 % 97 + 1
        pad = "%02d" % num
        forms = ["%s số %s-%s/TW" % (word, pad, code), "%s %s-%s/TW" % (word, pad, code),
                 "%s số %s – %s/TW" % (word, pad, code), "%s số %d-%s/TƯ" % (word.lower(), num, code)]
        docs.append(("%s-%s-tw" % (code.lower().replace("đ", "d"), pad), forms))
    for n in range(1, 11):
        num, year = 10 + n * 7, 2010 + n
        forms = ["Nghị định số %d/%d/NĐ-CP" % (num, year), "Nghị định %d/%d/NĐ-CP" % (num, year)]
        docs.append(("nd-%d-%d" % (num, year), forms))
    for n, term in [(4, "XII"), (4, "XI"), (5, "XII"), (6, "XII"), (7, "XII")]:
        forms = ["Nghị quyết Hội nghị Trung ương %d khóa %s" % (n, term), "Nghị quyết Trung ương %d (khóa %s)" % (n, term),
                 "Nghị quyết TW%d khóa %s" % (n, term)]
        docs.append(("tw%d-%s" % (n, term.lower()), forms))
    return docs


def zipf_weights(k, s=1.1):
    return [1.0 / math.pow(i + 1, s) for i in range(k)]


def sentence(rng):
    s = "%s %s %s %s." % (rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(TAILS))
    return s[0].upper() + s[1:]


def body(rng, docs, weights, target):
    parts, cited, size = [], [], 0
    while size < target:
        if parts and rng.random() < 0.12:
            chunk = "## " + rng.choice(HEADINGS)
        elif rng.random() < 0.06:
            chunk = "\n".join("- " + sentence(rng)[:-1] + ";" for _ in range(rng.randint(2, 5)))
        elif rng.random() < 0.03:
            chunk = "> " + sentence(rng)
        else:
            sents = []
            for _ in range(rng.randint(3, 8)):
                r = rng.random()
                if r < 0.18:
                    d = rng.choices(range(len(docs)), weights)[0]
                    cited.append(d)
                    sents.append("Thực hiện %s, %s" % (rng.choice(docs[d][1]), sentence(rng)[0].lower() + sentence(rng)[1:]))
                elif r < 0.25:
                    sents.append(rng.choice(NUMBERS).format(n=rng.randint(3, 900), m=rng.randint(10, 5000),
                                                            p=rng.randint(60, 99), q=rng.randint(0, 99)))
                else:
                    sents.append(sentence(rng))
            chunk = " ".join(sents)
        parts.append(chunk)
        size += len(chunk.encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n", sorted(set(cited))


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        print(__doc__)
        sys.exit(2)
    count, out = int(args[0]), args[1]
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 2017
    hugo = "--no-hugo" not in args
    rng = random.Random(seed)
    docs = documents(rng)
    weights = zipf_weights(len(docs))
    tag_weights = zipf_weights(len(TAGS), 0.8)
    os.makedirs(out + "/bantin/Content", exist_ok=True)
    with open(out + "/bantin/site.yml", "w") as f:
        f.write("title: Lưu trữ thử nghiệm\npage_size: 50\n")
    if hugo:
        os.makedirs(out + "/hugo/content/posts", exist_ok=True)
        write_hugo_site(out + "/hugo")
    bodies = open(out + "/bodies.md", "w", encoding="utf-8")
    total = 0
    for i in range(count):
        target = min(40000, max(1500, int(rng.lognormvariate(math.log(8000), 0.55))))
        text, cited = body(rng, docs, weights, target)
        year = rng.randint(2010, 2024)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        hh, mm = rng.randint(6, 20), rng.randint(0, 59)
        place = rng.choice(PLACES)
        title = "%s %s %s (%d)" % (place, rng.choice(VERBS), rng.choice(OBJECTS), i)
        tags = sorted(set(rng.choices(TAGS, tag_weights, k=rng.randint(1, 4))))
        date = "%04d-%02d-%02d %02d:%02d" % (year, month, day, hh, mm)
        folder = "%s/bantin/Content/%04d/%02d" % (out, year, month)
        os.makedirs(folder, exist_ok=True)
        tag_list = ", ".join(tags)
        with open("%s/bai-%07d.md" % (folder, i), "w", encoding="utf-8") as f:
            f.write("---\ntitle: \"%s\"\ndate: %s\nsource: %s.gov.vn\ntags: [%s]\n---\n%s" % (
                title, date, place.lower().replace(" ", ""), tag_list, text))
        if hugo:
            with open("%s/hugo/content/posts/bai-%07d.md" % (out, i), "w", encoding="utf-8") as f:
                f.write("---\ntitle: \"%s\"\ndate: %sT%02d:%02d:00+07:00\ntags: [%s]\ndocuments: [%s]\n---\n%s" % (
                    title, date[:10], hh, mm, tag_list, ", ".join(docs[d][0] for d in cited), text))
        bodies.write(text)
        bodies.write("\n")
        total += len(text.encode("utf-8"))
    bodies.close()
    print("%d articles, %.1f MB of Markdown bodies → %s" % (count, total / 1e6, out))


def write_hugo_site(root, title="Lưu trữ thử nghiệm", page_size=50, permalink=None):
    """Config and layouts of the Hugo reference site (bench/real-hugo.py uses it too)."""
    os.makedirs(root + "/layouts/_default", exist_ok=True)
    with open(root + "/hugo.toml", "w") as f:
        f.write('baseURL = "/"\nlanguageCode = "vi"\ntitle = "%s"\n'
                'disableKinds = ["RSS", "sitemap", "robotsTXT"]\n'
                '[pagination]\n  pagerSize = %d\n' % (title, page_size) +
                ('[permalinks]\n  posts = "%s"\n' % permalink if permalink else '') +
                '[taxonomies]\n  tag = "tags"\n  document = "documents"\n'
                '[markup.goldmark.renderer]\n  unsafe = false\n')
    layouts = {
        "baseof.html": '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
                       '<body><header><a href="/">{{ site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>\n',
        "single.html": '{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "02/01/2006" }}</time>'
                       '{{ .Content }}<p>{{ range .Params.tags }}<a href="/tags/{{ . | urlize }}/">{{ . }}</a> {{ end }}</p>'
                       '{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}'
                       '{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</article>{{ end }}\n',
        "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ol>{{ range (.Paginate .Pages).Pages }}'
                     '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "02/01/2006" }} {{ .Summary }}</li>{{ end }}</ol>'
                     '{{ template "_internal/pagination.html" . }}{{ end }}\n',
        "index.html": '{{ define "main" }}<h1>{{ site.Title }}</h1><ol>{{ range (.Paginate site.RegularPages).Pages }}'
                      '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "02/01/2006" }} {{ .Summary }}</li>{{ end }}</ol>'
                      '{{ template "_internal/pagination.html" . }}{{ end }}\n',
    }
    for name, text in layouts.items():
        target = root + ("/layouts/index.html" if name == "index.html" else "/layouts/_default/" + name)
        with open(target, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
