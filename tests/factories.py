"""Small factory_boy factories: the least each model needs to exist."""

import datetime

import factory
from django.utils import timezone

from articles.models import Announcement, Article, Topic
from villages.models import Kecamatan, Membership, User, Village


class KecamatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kecamatan
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Kecamatan{n}")
    slug = factory.LazyAttribute(lambda k: k.name.lower())


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village

    slug = factory.Sequence(lambda n: f"desa{n}")
    name = factory.LazyAttribute(lambda v: f"Desa {v.slug.title()}")
    kim_name = factory.LazyAttribute(lambda v: f"KIM {v.slug.title()}")
    kecamatan = factory.SubFactory(KecamatanFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Andi"
    password = factory.PostGenerationMethodCall("set_password", "rahasia-uji-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    village = factory.SubFactory(VillageFactory)
    role = Membership.Role.EDITOR


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Topik {n}")
    slug = factory.Sequence(lambda n: f"topik-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    village = factory.SubFactory(VillageFactory)
    title = factory.Sequence(lambda n: f"Berita nomor {n}")
    body = "<p>Warga bergotong royong membersihkan saluran air.</p>"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))


class AnnouncementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Announcement
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Pengumuman nomor {n}")
    body = "<p>Pendaftaran bantuan bibit kakao dibuka sampai akhir bulan.</p>"
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))

    @factory.post_generation
    def kecamatans(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.kecamatans.set(extracted)

    @factory.post_generation
    def villages(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.villages.set(extracted)
